import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { QueryTable } from '../../../components/QueryTable.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { SecretOnce } from '../../merchant/openplatform/ApiKeysTab.tsx';
import { PERMISSION_LABELS } from '../staff/labels.ts';
import { PLATFORM_KEYS_QUERY, type PlatformKey, usePlatformDocs } from './data.ts';

type Scope = PlatformKey['scopes'][number];
type NewKey = { name: string; scopes: Scope[]; rateLimitPerMinute: number };

/** Scopes the staff member lacks the permission for are shown but cannot be ticked: the server would refuse them. */
function CreateKeyForm({ onCreated }: { onCreated: (k: { id: string; secret: string }) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const docs = usePlatformDocs();
  const [form] = Form.useForm<NewKey>();
  const create = useMutation({
    mutationFn: (body: NewKey) => must(api.POST('/api/v1/admin/open-platform/keys', { body })),
    onSuccess: (k) => {
      form.resetFields();
      onCreated({ id: k.id, secret: k.secret });
      void qc.invalidateQueries({ queryKey: PLATFORM_KEYS_QUERY });
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
      style={{ maxWidth: 820 }}
    >
      <Space align="start" wrap>
        <Form.Item
          name="name"
          label={t('名称')}
          rules={[{ required: true, whitespace: true, message: t('请填写名称') }]}
        >
          <Input maxLength={40} placeholder={t('如：BI 数据大屏')} style={{ width: 240 }} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item name="rateLimitPerMinute" label={t('每分钟请求上限')}>
          <InputNumber min={10} max={6000} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="scopes"
        label={t('权限范围')}
        rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一个权限范围') }]}
        extra={t('平台密钥只读，只能调用所选范围内的接口；灰色的范围需要你没有的员工权限。')}
      >
        <Checkbox.Group data-testid="api-key-scopes">
          <Space direction="vertical" size={4}>
            {(docs.data?.scopes ?? []).map((s) => (
              <Checkbox key={s.scope} value={s.scope} disabled={!s.grantable}>
                <Typography.Text code>{s.scope}</Typography.Text> {s.label}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.grantable
                    ? t('（需要：{p}）', { p: t(PERMISSION_LABELS[s.permission]) })
                    : t('（你没有“{p}”权限，不能授予）', { p: t(PERMISSION_LABELS[s.permission]) })}
                </Typography.Text>
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

function RotateButton({ k, onRotated }: { k: PlatformKey; onRotated: (s: { id: string; secret: string }) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [grace, setGrace] = useState(24);
  const rotate = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/admin/open-platform/keys/{id}/rotate', {
          params: { path: { id: k.id } },
          body: { graceHours: grace },
        }),
      ),
    onSuccess: (r) => {
      onRotated({ id: r.id, secret: r.secret });
      void qc.invalidateQueries({ queryKey: PLATFORM_KEYS_QUERY });
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

export function PlatformKeysTab() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [shown, setShown] = useState<{ id: string; secret: string } | null>(null);
  const keys = useQuery({
    queryKey: PLATFORM_KEYS_QUERY,
    queryFn: () => must(api.GET('/api/v1/admin/open-platform/keys')),
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/admin/open-platform/keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => {
      notify.success(t('密钥已吊销'));
      void qc.invalidateQueries({ queryKey: PLATFORM_KEYS_QUERY });
    },
    onError: notify.error,
  });
  return (
    <>
      <CreateKeyForm onCreated={setShown} />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('已创建的密钥')}
      </Typography.Title>
      <QueryTable<PlatformKey>
        query={keys}
        empty={t('还没有平台 API 密钥')}
        rowKey="id"
        data-testid="platform-keys-table"
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
          {
            title: t('创建人'),
            key: 'createdBy',
            width: 130,
            render: (_, k) => (
              <Space direction="vertical" size={0}>
                <span>{k.createdByName ?? t('已注销')}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(k.createdAt)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('每分钟上限'), dataIndex: 'rateLimitPerMinute', width: 100 },
          {
            title: t('最近使用'),
            key: 'lastUsedAt',
            width: 150,
            render: (_, k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : t('从未使用')),
          },
          {
            title: t('状态'),
            key: 'status',
            width: 180,
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
