import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, must, type BodyOf, type GetOk } from '../../../api/client.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { PageSkeleton } from '../../../components/PageSkeleton.tsx';
import { useT } from '../../../i18n/index.tsx';
import { PERMISSION_LABELS } from './labels.ts';

type Member = GetOk<'/api/v1/admin/staff'>['items'][number];
type RoleDef = GetOk<'/api/v1/admin/staff/roles'>['items'][number];
type RoleId = RoleDef['id'];
type Change = GetOk<'/api/v1/admin/staff/role-changes'>['items'][number];
type InviteBody = BodyOf<'/api/v1/admin/staff', 'post'>;

const STAFF_KEY = ['platform', 'staff'] as const;

/** A form control: Form.Item hands it value and onChange, which must reach the group or the choice is never seen. */
function RolePicker({
  roles,
  value,
  onChange,
}: {
  roles: RoleDef[];
  value?: RoleId[];
  onChange?: (next: RoleId[]) => void;
}) {
  return (
    <Checkbox.Group style={{ display: 'grid', gap: 8 }} value={value} onChange={(next) => onChange?.(next)}>
      {roles.map((r) => (
        <Checkbox key={r.id} value={r.id} data-testid={`role-${r.id}`}>
          <strong>{r.label}</strong>
          <Typography.Text type="secondary"> — {r.duty}</Typography.Text>
        </Checkbox>
      ))}
    </Checkbox.Group>
  );
}

function InviteModal({ roles, open, onClose }: { roles: RoleDef[]; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<InviteBody>();
  const invite = useMutation({
    mutationFn: (body: InviteBody) => must(api.POST('/api/v1/admin/staff', { body })),
    onSuccess: () => {
      notify.success(t('已添加员工，对方用手机验证码登录后台'));
      void qc.invalidateQueries({ queryKey: STAFF_KEY });
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      title={t('邀请员工')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('邀请')}
      okButtonProps={{ 'data-testid': 'invite-submit' }}
      confirmLoading={invite.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => invite.mutate(v)}>
        <Form.Item
          name="phone"
          label={t('手机号')}
          extra={t('已注册的手机号直接获得岗位；新手机号会自动注册，员工用验证码登录。')}
          rules={[
            { required: true, message: t('请填写手机号') },
            { pattern: /^1[3-9]\d{9}$/, message: t('请输入 11 位手机号') },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} data-testid="staff-phone" />
        </Form.Item>
        <Form.Item
          name="nickname"
          label={t('称呼（新账号时使用，选填）')}
          rules={[{ max: 20, message: t('昵称最多 20 个字') }]}
        >
          <Input maxLength={20} data-testid="staff-nickname" />
        </Form.Item>
        <Form.Item name="roles" label={t('岗位')} rules={[{ required: true, message: t('至少选择一个岗位') }]}>
          <RolePicker roles={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditRolesModal({ member, roles, onClose }: { member: Member | null; roles: RoleDef[]; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ roles: RoleId[] }>();
  const save = useMutation({
    mutationFn: (next: RoleId[]) =>
      must(
        api.PUT('/api/v1/admin/staff/{userId}/roles', {
          params: { path: { userId: member!.userId } },
          body: { roles: next },
        }),
      ),
    onSuccess: (r) => {
      notify.success(r.roles.length === 0 ? t('已撤销全部岗位，对方已被登出') : t('岗位已更新'));
      void qc.invalidateQueries({ queryKey: STAFF_KEY });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      title={t('修改岗位：{name}', { name: member?.nickname ?? '' })}
      open={member !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('保存')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('减少岗位后对方会被登出，用新岗位重新登录。全部取消即撤销其员工身份。')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: member?.roles ?? [] }}
        onFinish={(v) => save.mutate(v.roles ?? [])}
      >
        <Form.Item name="roles" label={t('岗位')}>
          <RolePicker roles={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function StaffPage() {
  const t = useT();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const roles = useQuery({
    queryKey: [...STAFF_KEY, 'roles'],
    queryFn: () => must(api.GET('/api/v1/admin/staff/roles')),
  });
  const staff = useQuery({ queryKey: [...STAFF_KEY, 'list'], queryFn: () => must(api.GET('/api/v1/admin/staff')) });
  const changes = useCursorList<Change>([...STAFF_KEY, 'changes'], (cursor) =>
    must(api.GET('/api/v1/admin/staff/role-changes', { params: { query: { cursor, limit: 20 } } })),
  );
  if (roles.isPending || staff.isPending) return <PageSkeleton />;
  const roleDefs = roles.data?.items ?? [];
  const label = (id: string) => roleDefs.find((r) => r.id === id)?.label ?? id;

  const columns: TableColumnsType<Member> = [
    { title: t('员工'), dataIndex: 'nickname' },
    { title: t('手机号'), dataIndex: 'phone' },
    {
      title: t('岗位'),
      dataIndex: 'roles',
      render: (rs: RoleId[]) => rs.map((r) => <Tag key={r}>{label(r)}</Tag>),
    },
    {
      title: t('两步验证'),
      dataIndex: 'totpEnrolled',
      render: (on: boolean) => (on ? <Tag color="green">{t('已绑定')}</Tag> : <Tag>{t('未绑定')}</Tag>),
    },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, m) => (
        <Button size="small" onClick={() => setEditing(m)} data-testid={`edit-roles-${m.userId}`}>
          {t('修改岗位')}
        </Button>
      ),
    },
  ];
  const permissions = Object.keys(PERMISSION_LABELS) as (keyof typeof PERMISSION_LABELS)[];

  return (
    <>
      <PageHeader
        title={t('员工与角色')}
        subtitle={t('每个岗位只有完成工作所需的权限；客服、风控、财务须绑定两步验证后才能使用。所有变更都会记录。')}
        extra={
          <Button type="primary" onClick={() => setInviting(true)} data-testid="invite-staff">
            {t('邀请员工')}
          </Button>
        }
      />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('平台员工')} size="small">
          <Table<Member>
            rowKey="userId"
            columns={columns}
            dataSource={staff.data?.items ?? []}
            pagination={false}
            aria-label={t('平台员工')}
          />
        </Card>
        <Card title={t('岗位与权限')} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            aria-label={t('岗位与权限')}
            dataSource={roleDefs}
            columns={[
              { title: t('岗位'), dataIndex: 'label', fixed: 'left' },
              ...permissions.map((p) => ({
                title: t(PERMISSION_LABELS[p]),
                key: p,
                render: (_: unknown, r: RoleDef) => (r.permissions.includes(p) ? '✓' : ''),
              })),
              {
                title: t('两步验证'),
                key: 'totp',
                render: (_: unknown, r: RoleDef) => (r.secondFactor ? t('必须') : t('建议')),
              },
            ]}
          />
        </Card>
        <Card title={t('岗位变更记录')} size="small">
          <CursorTable<Change>
            rowKey="id"
            list={changes}
            caption={t('岗位变更记录')}
            empty={t('还没有岗位变更')}
            columns={[
              { title: t('时间'), dataIndex: 'at', render: (v: string) => dateTime(v) },
              { title: t('员工'), dataIndex: 'staffName' },
              {
                title: t('变更'),
                key: 'change',
                render: (_, c) =>
                  `${c.rolesBefore.map(label).join('、') || t('无')} → ${c.rolesAfter.map(label).join('、') || t('无（已撤销）')}`,
              },
              { title: t('操作人'), dataIndex: 'changedByName' },
            ]}
          />
        </Card>
      </Space>
      <InviteModal roles={roleDefs} open={inviting} onClose={() => setInviting(false)} />
      <EditRolesModal member={editing} roles={roleDefs} onClose={() => setEditing(null)} />
    </>
  );
}
