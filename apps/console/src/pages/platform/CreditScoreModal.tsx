import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';
import { liveCall } from '../merchant/live/api.ts';

/** Sets a merchant's credit score (0–100); below the live threshold the merchant cannot go live. */
export function CreditScoreModal({
  merchant,
  onClose,
}: {
  merchant: { id: string; name: string; creditScore: number } | null;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ score: number }>();
  useEffect(() => {
    if (merchant) form.setFieldsValue({ score: merchant.creditScore });
  }, [merchant, form]);
  const save = useMutation({
    mutationFn: (score: number) =>
      liveCall<{ merchantId: string; score: number }>(
        'PUT',
        `/api/v1/admin/merchants/${encodeURIComponent(merchant!.id)}/credit-score`,
        { score },
      ),
    onSuccess: (r) => {
      notify.success(t('「{name}」的信用分已设为 {score}', { name: merchant!.name, score: r.score }));
      void qc.invalidateQueries({ queryKey: ['platform', 'merchants'] });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={merchant !== null}
      title={t('调整「{name}」的信用分', { name: merchant?.name ?? '' })}
      okText={t('保存')}
      cancelText={t('取消')}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v.score))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="score"
          label={t('信用分')}
          rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('信用分 0–100 的整数') }]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid="credit-score-input" />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('低于直播开播门槛的商家不能开播；已在直播中的场次不受影响。')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
