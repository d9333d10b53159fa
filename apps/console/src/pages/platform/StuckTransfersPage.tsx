import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type GetOk, must, newIdempotencyKey } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useT } from '../../i18n/index.tsx';

type Stuck = GetOk<'/api/v1/admin/compensation-transfers/stuck'>['items'][number];

const PROVIDER = { alipay: '支付宝', wechatpay: '微信支付', sandbox: '沙箱' } as const;

const age = (minutes: number, t: ReturnType<typeof useT>) =>
  minutes >= 1440
    ? t('{d} 天 {h} 小时', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) })
    : minutes >= 60
      ? t('{h} 小时 {m} 分', { h: Math.floor(minutes / 60), m: minutes % 60 })
      : t('{m} 分钟', { m: minutes });

/** 赔付转账异常: 假一赔十 payouts the provider refused or has not paid in time; retry or record a manual payment. */
export default function StuckTransfersPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [manual, setManual] = useState<Stuck | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'stuck-transfers'],
    queryFn: () => must(api.GET('/api/v1/admin/compensation-transfers/stuck')),
  });
  const retry = useMutation({
    mutationFn: (id: string) =>
      must(
        api.POST('/api/v1/admin/compensation-transfers/{id}/retry', {
          params: { path: { id } },
          headers: { 'idempotency-key': newIdempotencyKey() },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已重新提交渠道，结果稍后刷新'));
      void qc.invalidateQueries({ queryKey: ['admin', 'stuck-transfers'] });
    },
    onError: notify.error,
  });
  const threshold = list.data?.thresholdMinutes ?? 30;
  return (
    <>
      <PageHeader
        title={t('赔付转账异常')}
        subtitle={t(
          '假一赔十等赔付转账被渠道拒绝，或提交后超过 {n} 分钟仍未到账。重试时结果未知的转账沿用原请求号，不会重复付款；已线下打款的请标记并写明凭证。',
          { n: threshold },
        )}
      />
      <Card>
        <QueryTable<Stuck>
          query={list}
          empty={t('没有异常转账')}
          rowKey="transferId"
          columns={[
            {
              title: t('已等待'),
              key: 'age',
              width: 130,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{age(r.ageMinutes, t)}</Typography.Text>
                  <Typography.Text type="secondary">{dateTime(r.requestedAt)}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('金额'),
              key: 'amount',
              width: 120,
              render: (_, r) => <Typography.Text strong>{yuan(r.amount)}</Typography.Text>,
            },
            {
              title: t('渠道'),
              key: 'provider',
              width: 170,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  {r.provider in PROVIDER ? t(PROVIDER[r.provider as keyof typeof PROVIDER]) : r.provider}
                  <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                    {r.requestNo}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('状态'),
              key: 'status',
              width: 110,
              render: (_, r) =>
                r.status === 'failed' ? (
                  <Tag color="red">{t('渠道拒绝')}</Tag>
                ) : (
                  <Tag color="orange">{t('未到账')}</Tag>
                ),
            },
            {
              title: t('错误'),
              key: 'error',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text ellipsis={{ tooltip: r.lastError }} style={{ maxWidth: 320 }}>
                    {r.lastError ?? t('渠道处理中，尚无结果')}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('已尝试 {n} 次', { n: r.attempts })}
                    {r.lastAttemptAt ? ` · ${dateTime(r.lastAttemptAt)}` : ''}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('来源')}：{r.refId}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('操作'),
              key: 'actions',
              width: 190,
              render: (_, r) => (
                <Space>
                  <Button
                    size="small"
                    loading={retry.isPending && retry.variables === r.transferId}
                    onClick={() => retry.mutate(r.transferId)}
                    data-testid="transfer-retry"
                  >
                    {t('重试')}
                  </Button>
                  <Button size="small" onClick={() => setManual(r)} data-testid="transfer-manual">
                    {t('标记已人工打款')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {manual && <ManualPaymentModal transfer={manual} onClose={() => setManual(null)} />}
    </>
  );
}

function ManualPaymentModal({ transfer, onClose }: { transfer: Stuck; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [key] = useState(newIdempotencyKey);
  const [form] = Form.useForm<{ note: string }>();
  const mark = useMutation({
    mutationFn: (note: string) =>
      must(
        api.POST('/api/v1/admin/compensation-transfers/{id}/manual-payment', {
          params: { path: { id: transfer.transferId } },
          headers: { 'idempotency-key': key },
          body: { note },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已记为人工打款，赔付已结清'));
      void qc.invalidateQueries({ queryKey: ['admin', 'stuck-transfers'] });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal open title={t('标记已人工打款')} onCancel={onClose} footer={null} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('金额 {amount}，记入平台银行账户（人工打款），应付赔付随之结清。', { amount: yuan(transfer.amount) })}
        </Typography.Text>
        {transfer.status === 'pending' && (
          <Alert
            type="warning"
            showIcon
            title={t('渠道尚未给出结果：请先在渠道商户平台确认这笔转账没有付出，否则可能重复付款。')}
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => mark.mutate(v.note)}>
          <Form.Item
            name="note"
            label={t('打款说明')}
            rules={[{ required: true, min: 4, message: t('请写明打款方式与凭证号（至少 4 个字）') }]}
          >
            <Input.TextArea rows={3} maxLength={200} placeholder={t('如：对公转账至买家银行卡，回单号 …')} />
          </Form.Item>
          <Space>
            <Popconfirm title={t('确认已线下打款？此操作不可撤销')} onConfirm={() => form.submit()}>
              <Button type="primary" loading={mark.isPending}>
                {t('确认标记')}
              </Button>
            </Popconfirm>
            <Button onClick={onClose}>{t('取消')}</Button>
          </Space>
        </Form>
      </Space>
    </Modal>
  );
}
