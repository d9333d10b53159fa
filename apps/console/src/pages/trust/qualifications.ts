import type { GetOk } from '../../api/client.ts';

export type Qualification = GetOk<'/api/v1/merchant/qualifications'>['items'][number];
export type Renewal = GetOk<'/api/v1/admin/qualification-renewals'>['items'][number];
export type ValidityStatus = Qualification['status'];
export type RenewalStatus = Renewal['status'];

/** Validity names and tag colours, the same for the shop and the operator. */
export const VALIDITY: Record<ValidityStatus, { label: string; color: string }> = {
  valid: { label: '有效', color: 'green' },
  expiring: { label: '即将到期', color: 'orange' },
  expired: { label: '已过期', color: 'red' },
  unregistered: { label: '未登记有效期', color: 'default' },
};

export const RENEWAL: Record<RenewalStatus, { label: string; color: string }> = {
  pending: { label: '续期审核中', color: 'blue' },
  approved: { label: '已通过', color: 'green' },
  rejected: { label: '已驳回', color: 'red' },
};

/** How a document's validity reads: 长期有效, the day, or 未登记有效期 (never an invented date). */
export const validUntilText = (d: { permanent: boolean; validUntil: string | null }): string =>
  d.permanent ? '长期有效' : (d.validUntil ?? '未登记有效期');
