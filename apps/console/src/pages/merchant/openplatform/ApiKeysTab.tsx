import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { QueryTable } from '../../../components/QueryTable.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type ApiKey, openPlatformKey, useDeveloperDocs } from './data.ts';

type Scope = ApiKey['scopes'][number];

/** The secret exists in the clear only in this dialog: the server keeps it sealed and never shows it again. */
export function SecretOnce({
  secret,
  onClose,
}: {
  secret: { id: string; secret: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={secret !== null}
      title={t('请立即保存签名密钥')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('我已保存')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('签名密钥只显示这一次，关闭后无法再次查看；遗失请轮换密钥。')}
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph>
        {t('密钥 ID')}：
        <Typography.Text code copyable data-testid="api-key-id">
          {secret?.id}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('签名密钥')}：
        <Typography.Text code copyable data-testid="api-key-secret">
          {secret?.secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (k: { id: string; secret: string }) => void }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const docs = useDeveloperDocs();
  const [form] = Form.useForm<{ name: string; scopes: Scope[]; rateLimitPerMinute: number }>();
  const create = useMutation({
    mutationFn: (body: { name: string; scopes: Scope[]; rateLimitPerMinute: number }) =>
      must(api.POST('/api/v1/merchant/open-platform/keys', { body })),
    onSuccess: (k) => {
      form.resetFields();
      onCreated({ id: k.id, secret: k.secret });
      void qc.invalidateQueries({ queryKey: openPlatformKey(merchantId, 'keys') });
    },
    onError: notify.error,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ rateLimitPerMinute: 600, scopes: [] }}
      onFinish={(v) => create.mutate(v)}
      style={{ maxWidth: 720 }}
    >
      <Space align="start" wrap>
        <Form.Item
          name="name"
          label={t('名称')}
          rules={[{ required: true, whitespace: true, message: t('请填写名称') }]}
        >
          <Input maxLength={40} placeholder={t('如：ERP 同步')} style={{ width: 240 }} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item name="rateLimitPerMinute" label={t('每分钟请求上限')}>
          <InputNumber min={10} max={6000} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="scopes"
        label={t('权限范围')}
        rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一个权限范围') }]}
        extra={t('密钥只能调用所选范围内的接口，其余一律拒绝（403）。')}
      >
        <Checkbox.Group data-testid="api-key-scopes">
          <Space direction="vertical" size={4}>
            {(docs.data?.scopes ?? []).map((s) => (
              <Checkbox key={s.scope} value={s.scope}>
                <Typography.Text code>{s.scope}</Typography.Text> {s.label}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="api-key-create">
        {t('创建密钥')}
      </Button>
    </Form>
  );
}

function RotateButton({ k, onRotated }: { k: ApiKey; onRotated: (s: { id: string; secret: string }) => void }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [grace, setGrace] = useState(24);
  const rotate = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/merchant/open-platform/keys/{id}/rotate', {
          params: { path: { id: k.id } },
          body: { graceHours: grace },
        }),
      ),
    onSuccess: (r) => {
      onRotated({ id: r.id, secret: r.secret });
      void qc.invalidateQueries({ queryKey: openPlatformKey(merchantId, 'keys') });
    },
    onError: notify.error,
  });
  return (
    <Popconfirm
      title={t('轮换签名密钥')}
      description={
        <Space direction="vertical">
          <span>{t('生成新的签名密钥；旧密钥在宽限期内仍可签名，便于先部署新密钥。')}</span>
          <Select
            value={grace}
            onChange={setGrace}
            style={{ width: 200 }}
            options={[
              { value: 0, label: t('旧密钥立即失效') },
              { value: 1, label: t('宽限 1 小时') },
              { value: 24, label: t('宽限 24 小时') },
              { value: 168, label: t('宽限 7 天') },
            ]}
          />
        </Space>
      }
      onConfirm={() => rotate.mutate()}
    >
      <Button size="small" loading={rotate.isPending}>
        {t('轮换')}
      </Button>
    </Popconfirm>
  );
}

export function ApiKeysTab() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [shown, setShown] = useState<{ id: string; secret: string } | null>(null);
  const keys = useQuery({
    queryKey: openPlatformKey(merchantId, 'keys'),
    queryFn: () => must(api.GET('/api/v1/merchant/open-platform/keys')),
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/merchant/open-platform/keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => {
      notify.success(t('密钥已吊销'));
      void qc.invalidateQueries({ queryKey: openPlatformKey(merchantId, 'keys') });
    },
    onError: notify.error,
  });
  return (
    <>
      <CreateKeyForm onCreated={setShown} />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('已创建的密钥')}
      </Typography.Title>
      <QueryTable<ApiKey>
        query={keys}
        empty={t('还没有 API 密钥')}
        rowKey="id"
        data-testid="api-keys-table"
        columns={[
          {
            title: t('名称'),
            key: 'name',
            render: (_, k) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{k.name}</Typography.Text>
                <Typography.Text code copyable style={{ fontSize: 12 }}>
                  {k.id}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('权限范围'),
            key: 'scopes',
            render: (_, k) => (
              <Space wrap size={[4, 4]}>
                {k.scopes.map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('每分钟上限'), dataIndex: 'rateLimitPerMinute', width: 110 },
          {
            title: t('最近使用'),
            key: 'lastUsedAt',
            width: 150,
            render: (_, k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : t('从未使用')),
          },
          {
            title: t('状态'),
            key: 'status',
            width: 190,
            render: (_, k) =>
              k.revokedAt ? (
                <StatusTag color="red">{t('已吊销')}</StatusTag>
              ) : (
                <Space direction="vertical" size={0}>
                  <StatusTag color="green">{t('有效')}</StatusTag>
                  {k.previousSecretExpiresAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('旧密钥 {at} 失效', { at: dateTime(k.previousSecretExpiresAt) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
          },
          {
            title: t('操作'),
            key: 'actions',
            width: 150,
            render: (_, k) =>
              k.revokedAt ? null : (
                <Space>
                  <RotateButton k={k} onRotated={setShown} />
                  <Popconfirm
                    title={t('吊销后使用此密钥的请求立即失败，且无法恢复。确定吊销？')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke.mutate(k.id)}
                  >
                    <Button size="small" danger>
                      {t('吊销')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <SecretOnce secret={shown} onClose={() => setShown(null)} />
    </>
  );
}
