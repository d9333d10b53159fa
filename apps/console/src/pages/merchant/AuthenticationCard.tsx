import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions } from 'antd';
import { api, must, type GetOk } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { dateTime } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';

export type AuthenticationCase = NonNullable<GetOk<'/api/v1/merchant/orders/{id}/authentication'>['case']>;

/** The order's 鉴定 case (null when it needs none); the detail page asks only for held or decided orders. */
export function useAuthenticationCase(orderId: string, enabled: boolean) {
  const merchantId = useMerchantId();
  return useQuery({
    queryKey: ['merchant', merchantId, 'authentication', orderId],
    queryFn: () => must(api.GET('/api/v1/merchant/orders/{id}/authentication', { params: { path: { id: orderId } } })),
    enabled,
  });
}

const COLORS: Record<AuthenticationCase['status'], string> = {
  awaiting_inbound: 'gold',
  at_centre: 'blue',
  passed: 'green',
  failed: 'red',
  cancelled: 'default',
};

/** 寄往鉴定中心 for a held order whose goods have not been sent yet. */
export function SendToCentreButton({ onSend }: { onSend: () => void }) {
  const t = useT();
  return (
    <Button type="primary" onClick={onSend} data-testid="send-to-centre">
      {t('寄往鉴定中心')}
    </Button>
  );
}

/** Where the goods are in 鉴定 and, once decided, the verdict the buyer also sees. */
export function AuthenticationCard({ c }: { c: AuthenticationCase }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={t('鉴定')}
      extra={<StatusTag color={COLORS[c.status]}>{c.statusLabel}</StatusTag>}
      style={{ marginTop: 16 }}
      data-testid="authentication-card"
    >
      <Descriptions column={2} size="small">
        <Descriptions.Item label={t('寄往鉴定中心')}>
          {c.inbound ? `${c.inbound.carrier} ${c.inbound.trackingNo} · ${dateTime(c.inbound.at)}` : t('尚未寄出')}
        </Descriptions.Item>
        {c.certificate ? (
          <>
            <Descriptions.Item label={t('鉴定编号')}>{c.certificate.certificateNo}</Descriptions.Item>
            <Descriptions.Item label={t('鉴定说明')}>{c.certificate.findings}</Descriptions.Item>
            <Descriptions.Item label={t('鉴定时间')}>{dateTime(c.certificate.decidedAt)}</Descriptions.Item>
            <Descriptions.Item label={c.status === 'passed' ? t('转寄买家') : t('退回本店')}>
              {c.outbound ? `${c.outbound.carrier} ${c.outbound.trackingNo}` : '—'}
            </Descriptions.Item>
          </>
        ) : null}
      </Descriptions>
    </Card>
  );
}
