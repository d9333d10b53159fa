import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { api, must, problemTitle, type BodyOf } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';

type ShipBody = BodyOf<'/api/v1/merchant/orders/{id}/ship', 'post'>;
const shipSubmitTestId = { 'data-testid': 'ship-submit' };

/**
 * Carrier + tracking number; on success the order moves to 待收货 and every order query refreshes. `to="centre"`:
 * an order held for 鉴定 goes to the platform's 鉴定中心 instead, and the waybill is recorded on its case.
 */
export function ShipModal({
  orderId,
  open,
  onClose,
  to = 'buyer',
}: {
  orderId: string;
  open: boolean;
  onClose: () => void;
  to?: 'buyer' | 'centre';
}) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<ShipBody>();
  const carriers = useQuery({
    queryKey: ['merchant', merchantId, 'carriers'],
    queryFn: () => must(api.GET('/api/v1/merchant/carriers')),
    staleTime: Infinity,
    enabled: open,
  });
  const ship = useMutation({
    mutationFn: async (body: ShipBody) => {
      const params = { params: { path: { id: orderId } }, body };
      if (to === 'centre') await must(api.POST('/api/v1/merchant/orders/{id}/authentication/inbound', params));
      else
        qc.setQueryData(
          ['merchant', merchantId, 'order', orderId],
          await must(api.POST('/api/v1/merchant/orders/{id}/ship', params)),
        );
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'orders'] });
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'authentication', orderId] });
      notify.success(to === 'centre' ? t('已登记寄往鉴定中心的运单') : t('已发货'));
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });

  return (
    <Modal
      title={to === 'centre' ? t('寄往鉴定中心') : t('发货')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('确认发货')}
      okButtonProps={{ loading: ship.isPending, ...shipSubmitTestId }}
      destroyOnHidden
    >
      {to === 'centre' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('请寄往平台鉴定中心，不要直接发给买家')}
          description={t('鉴定通过后由鉴定中心转寄买家；未通过则全额退款给买家，商品退回本店。')}
        />
      ) : null}
      {carriers.isError ? (
        <Alert type="error" showIcon title={problemTitle(carriers.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => ship.mutate(v)} requiredMark={false}>
        <Form.Item name="carrier" label={t('快递公司')} rules={[{ required: true, message: t('请选择快递公司') }]}>
          <Select
            data-testid="ship-carrier"
            loading={carriers.isPending}
            showSearch
            placeholder={t('请选择快递公司')}
            options={carriers.data?.items.map((c) => ({ value: c, label: c })) ?? []}
          />
        </Form.Item>
        <TrackingNoField testId="ship-tracking" />
      </Form>
    </Modal>
  );
}

/** The 运单号 field of a waybill form (发货, and the 鉴定中心's forwarding or return waybill). */
export function TrackingNoField({ testId, width }: { testId: string; width?: number }) {
  const t = useT();
  return (
    <Form.Item
      name="trackingNo"
      label={t('运单号')}
      rules={[
        { required: true, message: t('请填写运单号') },
        { pattern: /^[A-Za-z0-9-]{6,32}$/, message: t('运单号为 6–32 位字母或数字') },
      ]}
    >
      <Input data-testid={testId} maxLength={32} autoComplete="off" style={width ? { width } : undefined} />
    </Form.Item>
  );
}
