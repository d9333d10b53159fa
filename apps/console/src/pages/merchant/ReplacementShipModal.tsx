import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { api, must, problemTitle, type BodyOf } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useT } from '../../i18n/index.tsx';
import { TrackingNoField } from '../shared/ShipModal.tsx';

type Waybill = BodyOf<'/api/v1/merchant/after-sales/{id}/ship-replacement', 'post'>;

/** 寄出换货: the same courier list and waybill check as shipping an order; the buyer sees it on the order timeline. */
export function ReplacementShipModal(props: {
  open: boolean;
  spec: string;
  qty: number;
  pending: boolean;
  onClose: () => void;
  onShip: (waybill: Waybill) => Promise<unknown>;
}) {
  const t = useT();
  const merchantId = useMerchantId();
  const [form] = Form.useForm<Waybill>();
  const carriers = useQuery({
    queryKey: ['merchant', merchantId, 'carriers'],
    queryFn: () => must(api.GET('/api/v1/merchant/carriers')),
    staleTime: Infinity,
    enabled: props.open,
  });
  return (
    <Modal
      title={t('寄出换货')}
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('确认寄出')}
      okButtonProps={{ loading: props.pending, ...{ 'data-testid': 'replacement-ship-submit' } }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('寄出「{spec}」× {n}，该库存已在同意换货时预留。', { spec: props.spec, n: props.qty })}
      </Typography.Paragraph>
      {carriers.isError ? (
        <Alert type="error" showIcon title={problemTitle(carriers.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          props
            .onShip({ carrier: v.carrier, trackingNo: v.trackingNo.trim() })
            .then(props.onClose)
            .catch(() => undefined);
        }}
      >
        <Form.Item name="carrier" label={t('快递公司')} rules={[{ required: true, message: t('请选择快递公司') }]}>
          <Select
            data-testid="replacement-carrier"
            loading={carriers.isPending}
            showSearch
            placeholder={t('请选择快递公司')}
            options={carriers.data?.items.map((c) => ({ value: c, label: c })) ?? []}
          />
        </Form.Item>
        <TrackingNoField testId="replacement-tracking" />
      </Form>
    </Modal>
  );
}
