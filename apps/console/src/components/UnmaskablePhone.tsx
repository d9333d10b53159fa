import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { problemTitle } from '../api/client.ts';
import { useStaffMe } from '../app/staffAccess.tsx';
import { useT } from '../i18n/index.tsx';

/**
 * A masked phone with 查看完整号码 for staff holding personal.unmask: they give a reason, `unmask` sends it to the
 * server, which records the read on the access trail. A refusal (a 403 after the role changed, a reason the server
 * rejects) shows the server's own title inside the dialog.
 */
export function UnmaskablePhone({
  masked,
  unmask: reveal,
}: {
  masked: string;
  unmask: (reason: string) => Promise<{ phone: string }>;
}) {
  const t = useT();
  const staff = useStaffMe();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useMutation({ mutationFn: reveal, onSuccess: () => setAsking(false) });
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
      <span data-testid="masked-phone">{masked}</span>
      {allowed ? (
        <Button
          size="small"
          type="link"
          onClick={() => {
            unmask.reset();
            setAsking(true);
          }}
          data-testid="unmask-phone"
        >
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
        {unmask.isError ? (
          <Alert type="error" showIcon title={problemTitle(unmask.error)} style={{ marginBottom: 16 }} />
        ) : null}
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
