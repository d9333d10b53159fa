import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import { useStaffMe } from '../../app/staffAccess.tsx';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';
import { OrderDetailView } from '../shared/OrderDetailView.tsx';

/** The masked phone; roles allowed to unmask give a reason, and the read goes on the access trail. */
function UnmaskablePhone({ orderId, masked }: { orderId: string; masked: string }) {
  const t = useT();
  const notify = useNotify();
  const staff = useStaffMe();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useMutation({
    mutationFn: (reason: string) =>
      must(api.POST('/api/v1/admin/orders/{id}/phone', { params: { path: { id: orderId } }, body: { reason } })),
    onSuccess: () => setAsking(false),
    onError: notify.error,
  });
  if (unmask.data) {
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text strong data-testid="full-phone">
          {unmask.data.phone}
        </Typography.Text>
        <Typography.Text type="secondary">{t('已记入访问记录')}</Typography.Text>
      </Space>
    );
  }
  const allowed = staff.data?.permissions.includes('personal.unmask') ?? false;
  return (
    <Space>
      <span>{masked}</span>
      {allowed ? (
        <Button size="small" type="link" onClick={() => setAsking(true)} data-testid="unmask-phone">
          {t('查看完整号码')}
        </Button>
      ) : null}
      <Modal
        title={t('查看完整手机号')}
        open={asking}
        onCancel={() => setAsking(false)}
        onOk={() => form.submit()}
        okText={t('查看')}
        okButtonProps={{ 'data-testid': 'unmask-submit' }}
        confirmLoading={unmask.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t(
            '完整手机号属于个人信息。请说明为什么需要查看：你的姓名、时间和理由会记入访问记录，用户也能在隐私中心看到客服查看过。',
          )}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => unmask.mutate(v.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('查看理由')}
            rules={[
              { required: true, whitespace: true, message: t('请说明查看理由') },
              { min: 4, message: t('请说明查看理由（至少 4 个字）') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="unmask-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export default function AdminOrderDetailPage() {
  const { orderId = '' } = useParams();
  const query = useQuery({
    queryKey: ['platform', 'order', orderId],
    queryFn: () => must(api.GET('/api/v1/admin/orders/{id}', { params: { path: { id: orderId } } })),
  });
  return (
    <OrderDetailView
      query={query}
      backTo="/platform/orders"
      afterSalesLink="/platform/after-sales"
      phone={(o) => <UnmaskablePhone orderId={o.id} masked={o.address.phone} />}
    />
  );
}
