import { useQuery } from '@tanstack/react-query';
import { api, must, type BodyOf, type GetOk } from '../../api/client.ts';

export type Application = GetOk<'/api/v1/merchant-applications/{id}'>;
export type ApplicationBody = BodyOf<'/api/v1/merchant-applications', 'post'>;
export type AdmissionRules = GetOk<'/api/v1/merchant-applications/rules'>;
export type ApplicationStatus = Application['status'];

/** Status names and tag colours, the same for the applicant and the operator. */
export const STATUS: Record<ApplicationStatus, { label: string; color: string }> = {
  submitted: { label: '审核中', color: 'blue' },
  'needs-info': { label: '待补充资料', color: 'orange' },
  approved: { label: '已通过', color: 'green' },
  rejected: { label: '已驳回', color: 'red' },
};

export const ACTIONS: Record<string, string> = {
  submitted: '提交申请',
  resubmitted: '补充资料后重新提交',
  'info-requested': '要求补充资料',
  approved: '审核通过',
  rejected: '驳回申请',
};

export const ENTITY: Record<Application['entityType'], string> = { company: '企业', individual: '个体工商户' };

export const admissionKeys = {
  rules: ['admission', 'rules'] as const,
  mine: ['admission', 'mine'] as const,
  queue: (status: ApplicationStatus) => ['platform', 'merchant-applications', status] as const,
  deposit: (merchantId: string) => ['platform', 'deposit', merchantId] as const,
};

export function useAdmissionRules() {
  return useQuery({
    queryKey: admissionKeys.rules,
    queryFn: () => must(api.GET('/api/v1/merchant-applications/rules')),
    staleTime: 10 * 60_000,
  });
}
