import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must, problemTitle, type BodyOf, type GetOk } from '../../api/client.ts';
import { ROLE_LABELS } from '../../app/merchantAccess.tsx';
import { useMerchantId } from '../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { useT } from '../../i18n/index.tsx';

type Member = GetOk<'/api/v1/merchant/staff'>['items'][number];
type RoleDef = GetOk<'/api/v1/merchant/staff/roles'>['items'][number];
type Change = GetOk<'/api/v1/merchant/staff/role-changes'>['items'][number];
type InviteBody = BodyOf<'/api/v1/merchant/staff', 'post'>;
type SubRole = InviteBody['role'];

const ROLE_COLORS: Record<RoleDef['id'], string> = {
  owner: 'gold',
  manager: 'blue',
  service: 'green',
  shipping: 'cyan',
  finance: 'purple',
};

/** The roles an owner hands out, each with its duty, as radio cards. */
function RoleChoice({
  roles,
  value,
  onChange,
}: {
  roles: RoleDef[];
  value?: SubRole;
  onChange?: (r: SubRole) => void;
}) {
  const t = useT();
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as SubRole)}
      style={{ display: 'grid', gap: 8 }}
    >
      {roles
        .filter((r) => r.id !== 'owner')
        .map((r) => (
          <Radio key={r.id} value={r.id} data-testid={`shop-role-${r.id}`}>
            <strong>{t(ROLE_LABELS[r.id])}</strong>
            <Typography.Text type="secondary"> — {r.duty}</Typography.Text>
          </Radio>
        ))}
    </Radio.Group>
  );
}

function InviteCard({ roles, staffKey }: { roles: RoleDef[]; staffKey: readonly unknown[] }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<InviteBody>();
  const invite = useMutation({
    mutationFn: (body: InviteBody) => must(api.POST('/api/v1/merchant/staff', { body })),
    onSuccess: () => {
      notify.success(t('已添加，对方用手机验证码登录后台即可进入本店'));
      void qc.invalidateQueries({ queryKey: staffKey });
      form.resetFields();
    },
    onError: notify.error,
  });
  return (
    <Card title={t('邀请子账号')} size="small">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => invite.mutate(v)}>
        <Form.Item
          name="phone"
          label={t('手机号')}
          extra={t('已注册的手机号直接加入本店；新手机号会自动注册，对方用验证码登录。')}
          rules={[
            { required: true, message: t('请填写手机号') },
            { pattern: /^1[3-9]\d{9}$/, message: t('请输入 11 位手机号') },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} data-testid="shop-staff-phone" />
        </Form.Item>
        <Form.Item
          name="nickname"
          label={t('称呼（新账号时使用，选填）')}
          rules={[{ max: 20, message: t('昵称最多 20 个字') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="role" label={t('岗位')} rules={[{ required: true, message: t('请选择岗位') }]}>
          <RoleChoice roles={roles} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={invite.isPending} data-testid="shop-staff-invite">
          {t('邀请')}
        </Button>
      </Form>
    </Card>
  );
}

function ChangeRoleModal({
  member,
  roles,
  staffKey,
  onClose,
}: {
  member: Member | null;
  roles: RoleDef[];
  staffKey: readonly unknown[];
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ role: SubRole }>();
  const save = useMutation({
    mutationFn: (role: SubRole) =>
      must(
        api.PUT('/api/v1/merchant/staff/{userId}/role', {
          params: { path: { userId: member!.userId } },
          body: { role },
        }),
      ),
    onSuccess: () => {
      notify.success(t('岗位已更新，对方下一次操作即按新岗位'));
      void qc.invalidateQueries({ queryKey: staffKey });
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
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: member?.role === 'owner' ? undefined : member?.role }}
        onFinish={(v) => save.mutate(v.role)}
      >
        <Form.Item name="role" label={t('岗位')} rules={[{ required: true, message: t('请选择岗位') }]}>
          <RoleChoice roles={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ShopStaffPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const staffKey = ['merchant', merchantId, 'staff'] as const;
  const [editing, setEditing] = useState<Member | null>(null);
  const roles = useQuery({
    queryKey: [...staffKey, 'roles'],
    queryFn: () => must(api.GET('/api/v1/merchant/staff/roles')),
  });
  const staff = useQuery({ queryKey: [...staffKey, 'list'], queryFn: () => must(api.GET('/api/v1/merchant/staff')) });
  const changes = useCursorList<Change>([...staffKey, 'changes'], (cursor) =>
    must(api.GET('/api/v1/merchant/staff/role-changes', { params: { query: { cursor, limit: 20 } } })),
  );
  const remove = useMutation({
    mutationFn: (userId: string) =>
      must(api.DELETE('/api/v1/merchant/staff/{userId}', { params: { path: { userId } } })),
    onSuccess: () => {
      notify.success(t('已移除，对方不能再进入本店'));
      void qc.invalidateQueries({ queryKey: staffKey });
    },
    onError: notify.error,
  });
  const [filter, setFilter] = useState<RoleDef['id'] | 'all'>('all');

  if (roles.isPending || staff.isPending) return <PageSkeleton />;
  const failed = roles.error ?? staff.error;
  const roleDefs = roles.data?.items ?? [];
  const label = (id: RoleDef['id']) => t(ROLE_LABELS[id]);
  const dutyOf = (id: RoleDef['id']) => roleDefs.find((r) => r.id === id)?.duty ?? '';
  const members = (staff.data?.items ?? []).filter((m) => filter === 'all' || m.role === filter);

  const columns: TableColumnsType<Member> = [
    { title: t('员工'), dataIndex: 'nickname', width: 120 },
    { title: t('手机号'), dataIndex: 'phone', width: 120 },
    {
      title: t('岗位'),
      dataIndex: 'role',
      width: 72,
      render: (r: RoleDef['id']) => <Tag color={ROLE_COLORS[r]}>{label(r)}</Tag>,
    },
    {
      title: t('职责'),
      key: 'duty',
      ellipsis: true,
      render: (_, m) => (
        <Typography.Text type="secondary" title={dutyOf(m.role)}>
          {dutyOf(m.role)}
        </Typography.Text>
      ),
    },
    { title: t('加入时间'), dataIndex: 'since', width: 150, render: (v: string) => dateTime(v) },
    {
      title: t('操作'),
      key: 'actions',
      width: 150,
      render: (_, m) =>
        m.role === 'owner' ? (
          <Typography.Text type="secondary">{t('店主不可修改')}</Typography.Text>
        ) : (
          <Space>
            <Button size="small" onClick={() => setEditing(m)} data-testid={`shop-staff-edit-${m.userId}`}>
              {t('修改岗位')}
            </Button>
            <Popconfirm
              title={t('移除 {name}？', { name: m.nickname })}
              description={t('对方的个人账号保留，但不能再进入本店后台。')}
              okText={t('移除')}
              okButtonProps={{ danger: true }}
              cancelText={t('取消')}
              onConfirm={() => remove.mutate(m.userId)}
            >
              <Button size="small" danger data-testid={`shop-staff-remove-${m.userId}`}>
                {t('移除')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('店铺员工')}
        subtitle={t('为店长、客服、发货、财务开子账号，每个岗位只能使用自己职责内的功能；每次变更都会记录。')}
      />
      {failed ? (
        <Alert
          type="error"
          showIcon
          message={t('加载失败')}
          description={problemTitle(failed)}
          action={
            <Button size="small" onClick={() => void Promise.all([roles.refetch(), staff.refetch()])}>
              {t('重试')}
            </Button>
          }
        />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(300px, 1fr)', gap: 16 }}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              title={t('本店员工')}
              size="small"
              extra={
                <Select
                  size="small"
                  style={{ width: 120 }}
                  value={filter}
                  onChange={setFilter}
                  aria-label={t('按岗位筛选')}
                  options={[
                    { value: 'all', label: t('全部岗位') },
                    ...roleDefs.map((r) => ({ value: r.id, label: label(r.id) })),
                  ]}
                />
              }
            >
              <Table<Member>
                rowKey="userId"
                columns={columns}
                dataSource={members}
                pagination={false}
                tableLayout="fixed"
                scroll={{ x: 760 }}
                aria-label={t('本店员工')}
                locale={{ emptyText: <Empty description={t('还没有子账号，在右侧按手机号邀请')} /> }}
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
                      `${c.rolesBefore.map(label).join('、') || t('无')} → ${c.rolesAfter.map(label).join('、') || t('已移除')}`,
                  },
                  { title: t('操作人'), dataIndex: 'changedByName' },
                ]}
              />
            </Card>
          </Space>
          <InviteCard roles={roleDefs} staffKey={staffKey} />
        </div>
      )}
      <ChangeRoleModal member={editing} roles={roleDefs} staffKey={staffKey} onClose={() => setEditing(null)} />
    </>
  );
}
