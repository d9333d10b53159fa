import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { QueryTable } from '../../../components/QueryTable.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { openPlatformKey, useDeveloperDocs, type WebhookEndpoint } from './data.ts';

type EventType = WebhookEndpoint['eventTypes'][number];

export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  const t = useT();
  if (!endpoint.enabled)
    return (
      <StatusTag color="red" testId="webhook-status">
        {t('已停用')}
      </StatusTag>
    );
  if (endpoint.consecutiveFailures > 0) {
    return (
      <StatusTag color="orange" testId="webhook-status">
        {t('连续失败 {n} 次', { n: endpoint.consecutiveFailures })}
      </StatusTag>
    );
  }
  return (
    <StatusTag color="green" testId="webhook-status">
      {t('正常')}
    </StatusTag>
  );
}

export function WebhooksTab() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const docs = useDeveloperDocs();
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const [form] = Form.useForm<{ url: string; description: string; eventTypes: EventType[] }>();
  const endpoints = useQuery({
    queryKey: openPlatformKey(merchantId, 'webhooks'),
    queryFn: () => must(api.GET('/api/v1/merchant/open-platform/webhooks')),
  });
  const create = useMutation({
    mutationFn: (body: { url: string; description: string; eventTypes: EventType[] }) =>
      must(api.POST('/api/v1/merchant/open-platform/webhooks', { body })),
    onSuccess: (e) => {
      form.resetFields();
      setCreated({ id: e.id, secret: e.secret });
      void qc.invalidateQueries({ queryKey: openPlatformKey(merchantId, 'webhooks') });
    },
    onError: notify.error,
  });
  const labelOf = new Map((docs.data?.events ?? []).map((e) => [e.type, e.label]));
  const disabled = endpoints.data?.items.filter((e) => e.disabledBy === 'failures') ?? [];
  return (
    <>
      {disabled.map((e) => (
        <Alert
          key={e.id}
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={t('Webhook {url} 已停止推送', { url: e.url })}
          description={e.disabledReason}
          action={<Link to={`/merchant/open-platform/webhooks/${e.id}`}>{t('查看并重新启用')}</Link>}
        />
      ))}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ eventTypes: [], description: '' }}
        onFinish={(v) => create.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="url"
          label={t('推送地址')}
          rules={[
            { required: true, message: t('请填写推送地址') },
            { type: 'url', message: t('请输入完整的 http(s) 地址') },
          ]}
          extra={t('事件以 POST JSON 推送，带 X-Haowu-Signature 签名；10 秒内返回 2xx 视为成功。')}
        >
          <Input placeholder="https://erp.example.com/haowu/webhooks" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('备注')}>
          <Input maxLength={100} placeholder={t('如：ERP 订单同步')} />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('订阅事件')}
          rules={[{ required: true, type: 'array', min: 1, message: t('至少订阅一种事件') }]}
        >
          <Checkbox.Group data-testid="webhook-events">
            <Space direction="vertical" size={4}>
              {(docs.data?.events ?? []).map((e) => (
                <Checkbox key={e.type} value={e.type}>
                  <Typography.Text code>{e.type}</Typography.Text> {e.label}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="webhook-create">
          {t('创建 Webhook')}
        </Button>
      </Form>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('已配置的 Webhook')}
      </Typography.Title>
      <QueryTable<WebhookEndpoint>
        query={endpoints}
        empty={t('还没有 Webhook')}
        rowKey="id"
        data-testid="webhooks-table"
        columns={[
          {
            title: t('推送地址'),
            key: 'url',
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                <Link to={`/merchant/open-platform/webhooks/${e.id}`} data-testid="webhook-link">
                  {e.url}
                </Link>
                {e.description ? <Typography.Text type="secondary">{e.description}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('订阅事件'),
            key: 'events',
            render: (_, e) => (
              <Space wrap size={[4, 4]}>
                {e.eventTypes.map((type) => (
                  <Tag key={type} title={labelOf.get(type)}>
                    {type}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('状态'), key: 'status', width: 150, render: (_, e) => <EndpointStatus endpoint={e} /> },
          { title: t('创建时间'), key: 'createdAt', width: 150, render: (_, e) => dateTime(e.createdAt) },
        ]}
      />
      <Modal
        open={created !== null}
        title={t('Webhook 已创建')}
        onCancel={() => setCreated(null)}
        footer={
          <Space>
            <Button onClick={() => setCreated(null)}>{t('关闭')}</Button>
            <Link to={`/merchant/open-platform/webhooks/${created?.id}`}>
              <Button type="primary">{t('查看推送记录')}</Button>
            </Link>
          </Space>
        }
      >
        <Typography.Paragraph>{t('用这个签名密钥校验每次推送的 X-Haowu-Signature：')}</Typography.Paragraph>
        <Typography.Text code copyable data-testid="webhook-secret">
          {created?.secret}
        </Typography.Text>
      </Modal>
    </>
  );
}
