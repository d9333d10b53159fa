import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { DetailHeader, DetailPending } from '../../../components/DetailHeader.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { QueryTable } from '../../../components/QueryTable.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type Delivery, openPlatformKey } from './data.ts';
import { EndpointStatus } from './WebhooksTab.tsx';

function DeliveryStatus({ d }: { d: Delivery }) {
  const t = useT();
  if (d.status === 'succeeded') return <StatusTag color="green">{t('成功')}</StatusTag>;
  if (d.status === 'failed') return <StatusTag color="red">{t('失败')}</StatusTag>;
  return <StatusTag color="blue">{d.attempts > 0 ? t('等待重试') : t('待推送')}</StatusTag>;
}

function Attempts({ d }: { d: Delivery }) {
  const t = useT();
  const triggers = { automatic: t('自动'), replay: t('手动重推'), test: t('测试') };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(a) => `${a.at}-${a.trigger}`}
        pagination={false}
        dataSource={d.log}
        locale={{ emptyText: t('还没有推送尝试') }}
        columns={[
          { title: t('时间'), key: 'at', render: (_, a) => dateTime(a.at), width: 150 },
          { title: t('触发'), key: 'trigger', render: (_, a) => triggers[a.trigger], width: 100 },
          {
            title: t('响应码'),
            key: 'code',
            width: 90,
            render: (_, a) =>
              a.statusCode === null ? '—' : <Tag color={a.statusCode < 300 ? 'green' : 'red'}>{a.statusCode}</Tag>,
          },
          { title: t('耗时'), key: 'ms', width: 90, render: (_, a) => t('{n} 毫秒', { n: a.durationMs }) },
          { title: t('错误'), key: 'error', render: (_, a) => a.error ?? '—' },
        ]}
      />
      <Typography.Text type="secondary">{t('推送内容')}</Typography.Text>
      <pre className="code-block">{JSON.stringify(d.payload, null, 2)}</pre>
    </Space>
  );
}

export default function WebhookDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [secret, setSecret] = useState<string | null>(null);
  const back = { to: '/merchant/open-platform?tab=webhooks', label: t('返回开放平台') };
  const endpoints = useQuery({
    queryKey: openPlatformKey(merchantId, 'webhooks'),
    queryFn: () => must(api.GET('/api/v1/merchant/open-platform/webhooks')),
  });
  const deliveries = useQuery({
    queryKey: openPlatformKey(merchantId, 'webhooks', id, 'deliveries'),
    queryFn: () =>
      must(api.GET('/api/v1/merchant/open-platform/webhooks/{id}/deliveries', { params: { path: { id } } })),
    // Deliveries go out in the background: while one is on its way, look again shortly.
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 2000 : false),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: openPlatformKey(merchantId, 'webhooks') });
  };
  const test = useMutation({
    mutationFn: () => must(api.POST('/api/v1/merchant/open-platform/webhooks/{id}/test', { params: { path: { id } } })),
    onSuccess: () => {
      notify.success(t('测试推送已排队，几秒后出现在推送记录中'));
      refresh();
    },
    onError: notify.error,
  });
  const replay = useMutation({
    mutationFn: (deliveryId: string) =>
      must(api.POST('/api/v1/merchant/open-platform/deliveries/{id}/replay', { params: { path: { id: deliveryId } } })),
    onSuccess: () => {
      notify.success(t('已重新排队推送'));
      refresh();
    },
    onError: notify.error,
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) =>
      must(api.PATCH('/api/v1/merchant/open-platform/webhooks/{id}', { params: { path: { id } }, body: { enabled } })),
    onSuccess: refresh,
    onError: notify.error,
  });
  const reveal = useMutation({
    mutationFn: () =>
      must(api.GET('/api/v1/merchant/open-platform/webhooks/{id}/secret', { params: { path: { id } } })),
    onSuccess: (r) => setSecret(r.secret),
    onError: notify.error,
  });
  const endpoint = endpoints.data?.items.find((e) => e.id === id);
  if (!endpoint) {
    return (
      <DetailPending
        back={back}
        error={endpoints.error ?? (endpoints.data ? new Error(t('Webhook 不存在')) : null)}
        onRetry={() => void endpoints.refetch()}
      />
    );
  }
  return (
    <>
      <DetailHeader
        back={back}
        title={t('Webhook 推送记录')}
        status={<EndpointStatus endpoint={endpoint} />}
        subtitle={endpoint.url}
        extra={
          <>
            <Button onClick={() => test.mutate()} loading={test.isPending} data-testid="webhook-test-send">
              {t('发送测试推送')}
            </Button>
            {endpoint.enabled ? (
              <Popconfirm title={t('停用后不再推送新事件。确定停用？')} onConfirm={() => toggle.mutate(false)}>
                <Button danger>{t('停用')}</Button>
              </Popconfirm>
            ) : (
              <Button type="primary" onClick={() => toggle.mutate(true)} data-testid="webhook-enable">
                {t('重新启用')}
              </Button>
            )}
          </>
        }
      />
      {endpoint.disabledBy === 'failures' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('已因持续推送失败自动停用')}
          description={endpoint.disabledReason}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('订阅事件')}>
            <Space wrap size={[4, 4]}>
              {endpoint.eventTypes.map((e) => (
                <Tag key={e}>{e}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('签名密钥')}>
            {secret ? (
              <Typography.Text code copyable>
                {secret}
              </Typography.Text>
            ) : (
              <Button size="small" onClick={() => reveal.mutate()} loading={reveal.isPending}>
                {t('显示')}
              </Button>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('备注')}>{endpoint.description || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('创建时间')}>{dateTime(endpoint.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <QueryTable<Delivery>
        query={deliveries}
        empty={t('还没有推送记录')}
        rowKey="id"
        data-testid="deliveries-table"
        expandable={{ expandedRowRender: (d) => <Attempts d={d} /> }}
        columns={[
          { title: t('事件'), key: 'type', render: (_, d) => <Typography.Text code>{d.eventType}</Typography.Text> },
          { title: t('状态'), key: 'status', width: 110, render: (_, d) => <DeliveryStatus d={d} /> },
          {
            title: t('响应码'),
            key: 'code',
            width: 90,
            render: (_, d) =>
              d.lastStatusCode === null ? '—' : <span data-testid="delivery-status-code">{d.lastStatusCode}</span>,
          },
          { title: t('尝试次数'), dataIndex: 'attempts', width: 90 },
          {
            title: t('耗时'),
            key: 'ms',
            width: 100,
            render: (_, d) => (d.log[0] ? t('{n} 毫秒', { n: d.log[0].durationMs }) : '—'),
          },
          {
            title: t('下次重试'),
            key: 'next',
            width: 150,
            render: (_, d) => (d.status === 'pending' && d.nextAttemptAt ? dateTime(d.nextAttemptAt) : '—'),
          },
          { title: t('创建时间'), key: 'createdAt', width: 150, render: (_, d) => dateTime(d.createdAt) },
          {
            title: t('操作'),
            key: 'replay',
            width: 100,
            render: (_, d) => (
              <Button size="small" onClick={() => replay.mutate(d.id)} disabled={d.status === 'pending'}>
                {t('重新推送')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
