import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { api, must, problemTitle, type BodyOf } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';

type ShipBody = BodyOf<'/api/v1/merchant/orders/{id}/ship', 'post'>;
const shipSubmitTestId = { 'data-testid': 'ship-submit' };

/** Carrier + tracking number; on success the order moves to 待收货 and every order query refreshes. */
export function ShipModal({ orderId, open, onClose }: { orderId: string; open: boolean; onClose: () => void }) {
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
    mutationFn: (body: ShipBody) =>
      must(api.POST('/api/v1/merchant/orders/{id}/ship', { params: { path: { id: orderId } }, body })),
    onSuccess: (order) => {
      qc.setQueryData(['merchant', merchantId, 'order', orderId], order);
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'orders'] });
      notify.success(t('已发货'));
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });

  return (
    <Modal
      title={t('发货')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('确认发货')}
      okButtonProps={{ loading: ship.isPending, ...shipSubmitTestId }}
      destroyOnHidden
    >
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
        <Form.Item
          name="trackingNo"
          label={t('运单号')}
          rules={[
            { required: true, message: t('请填写运单号') },
            { pattern: /^[A-Za-z0-9-]{6,32}$/, message: t('运单号为 6–32 位字母或数字') },
          ]}
        >
          <Input data-testid="ship-tracking" maxLength={32} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
