import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { api, isApiStatus, must, newIdempotencyKey, problemTitle } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { toFen } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { admissionKeys } from './admission.ts';
import { DepositPanel, PENALTIES, type Penalty } from './DepositPanel.tsx';

type Action = 'transfer' | 'penalty' | 'exit';

/** The operator's side of a shop's deposit: confirm a transfer, impose a penalty, handle exit and the refund. */
export function OperatorDepositDrawer({
  merchant,
  onClose,
}: {
  merchant: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Drawer
      open={!!merchant}
      onClose={onClose}
      width={900}
      title={merchant ? t('「{name}」保证金与处罚', { name: merchant.name }) : ''}
      destroyOnHidden
    >
      {merchant ? <Body merchantId={merchant.id} /> : null}
    </Drawer>
  );
}

function Body({ merchantId }: { merchantId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<{ amountYuan?: number; reference?: string; reason?: string; kind?: Penalty['kind'] }>();
  const path = { params: { path: { id: merchantId } } };
  const deposit = useQuery({
    queryKey: admissionKeys.deposit(merchantId),
    queryFn: () => must(api.GET('/api/v1/admin/merchants/{id}/deposit', path)),
    retry: false,
  });
  const penalties = useQuery({
    queryKey: ['platform', 'penalties', merchantId],
    queryFn: () => must(api.GET('/api/v1/admin/merchants/{id}/penalties', path)),
  });
  const headers = () => ({ 'idempotency-key': newIdempotencyKey() });
  const act = useMutation({
    mutationFn: async (v: {
      action: Action | 'refund';
      amountYuan?: number;
      reference?: string;
      reason?: string;
      kind?: Penalty['kind'];
    }) => {
      if (v.action === 'transfer')
        await must(
          api.POST('/api/v1/admin/merchants/{id}/deposit/transfers', {
            ...path,
            headers: headers(),
            body: { amount: toFen(v.amountYuan ?? 0), reference: v.reference ?? '' },
          }),
        );
      else if (v.action === 'penalty')
        await must(
          api.POST('/api/v1/admin/merchants/{id}/penalties', {
            ...path,
            headers: headers(),
            body: {
              kind: v.kind ?? 'warning',
              reason: v.reason ?? '',
              ...(v.kind === 'deposit-deduction' ? { amount: toFen(v.amountYuan ?? 0) } : {}),
            },
          }),
        );
      else if (v.action === 'exit')
        await must(api.POST('/api/v1/admin/merchants/{id}/exit', { ...path, body: { reason: v.reason ?? '' } }));
      else await must(api.POST('/api/v1/admin/merchants/{id}/deposit/refund', { ...path, headers: headers() }));
    },
    onSuccess: () => {
      notify.success(t('已处理'));
      setAction(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: admissionKeys.deposit(merchantId) });
      void qc.invalidateQueries({ queryKey: ['platform', 'penalties', merchantId] });
      void qc.invalidateQueries({ queryKey: ['platform', 'merchants'] });
    },
    onError: notify.error,
  });
  const kind = Form.useWatch('kind', form);
  if (deposit.isPending || penalties.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (deposit.isError && isApiStatus(deposit.error, 404))
    return <Alert type="info" showIcon title={t('该商家不是通过入驻申请开通的，没有类目保证金账户。')} />;
  if (deposit.isError || penalties.isError)
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={problemTitle(deposit.error ?? penalties.error)}
        action={<Button onClick={() => void deposit.refetch()}>{t('重试')}</Button>}
      />
    );
  const d = deposit.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {d.status !== 'refunded' ? <Button onClick={() => setAction('transfer')}>{t('确认转账到账')}</Button> : null}
        <Button danger onClick={() => setAction('penalty')} data-testid="penalty-open">
          {t('处罚')}
        </Button>
        {d.status === 'active' ? <Button onClick={() => setAction('exit')}>{t('办理退出')}</Button> : null}
        {d.status === 'exiting' ? (
          <Popconfirm
            title={t('退还剩余保证金到店铺余额？')}
            okText={t('退还')}
            cancelText={t('取消')}
            onConfirm={() => act.mutate({ action: 'refund' })}
          >
            <Button type="primary">{t('退还保证金')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
      <DepositPanel deposit={d} penalties={penalties.data.items} />
      <Modal
        open={!!action}
        title={action === 'transfer' ? t('确认转账到账') : action === 'penalty' ? t('处罚') : t('办理退出')}
        okText={t('确定')}
        cancelText={t('取消')}
        confirmLoading={act.isPending}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => action && act.mutate({ action, ...v })}
          initialValues={{ kind: 'warning' }}
        >
          {action === 'penalty' ? (
            <Form.Item name="kind" label={t('处罚类型')}>
              <Select
                options={(Object.keys(PENALTIES) as Penalty['kind'][])
                  .filter((k) => k !== 'delist')
                  .map((k) => ({
                    value: k,
                    label: t(PENALTIES[k].label as never),
                  }))}
              />
            </Form.Item>
          ) : null}
          {action === 'transfer' || (action === 'penalty' && kind === 'deposit-deduction') ? (
            <Form.Item name="amountYuan" label={t('金额（元）')} rules={[{ required: true, message: t('请填写金额') }]}>
              <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          {action === 'transfer' ? (
            <Form.Item
              name="reference"
              label={t('银行流水号')}
              rules={[{ required: true, message: t('请填写银行流水号') }]}
            >
              <Input maxLength={64} />
            </Form.Item>
          ) : (
            <Form.Item
              name="reason"
              label={action === 'exit' ? t('退出原因') : t('处罚原因')}
              rules={[{ required: true, min: 2, message: t('请写明原因，商家会看到') }]}
              extra={action === 'penalty' ? t('处罚原因会公开写入透明度日志，请勿填写个人信息') : undefined}
            >
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
