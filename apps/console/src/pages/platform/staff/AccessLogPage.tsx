import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must, type GetOk } from '../../../api/client.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { dateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';

type Entry = GetOk<'/api/v1/admin/access-log'>['items'][number];
type Action = Entry['action'];
interface Filters {
  subjectUserId?: string;
  staffUserId?: string;
  action?: Action;
}

/** 访问记录: every staff read of personal data, searchable by the person, the staff member and what was read. */
export default function AccessLogPage() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({});
  const list = useCursorList<Entry>(['platform', 'access-log', filters], (cursor) =>
    must(api.GET('/api/v1/admin/access-log', { params: { query: { ...filters, cursor, limit: 20 } } })),
  );
  const actions: { value: Action; label: string }[] = [
    { value: 'order.address', label: t('查看订单收货信息') },
    { value: 'order.phone', label: t('查看收货人完整手机号') },
    { value: 'orders.export', label: t('导出订单') },
    { value: 'user.profile', label: t('用户查询（手机号脱敏）') },
    { value: 'user.phone', label: t('查看用户完整手机号') },
  ];
  return (
    <>
      <PageHeader
        title={t('访问记录')}
        subtitle={t(
          '平台员工每次查看个人信息都会记录：谁、何时、看了什么、为什么。用户在隐私中心能看到被哪类岗位查看过。',
        )}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          layout="inline"
          onFinish={(v) =>
            setFilters({
              subjectUserId: v.subjectUserId?.trim() || undefined,
              staffUserId: v.staffUserId?.trim() || undefined,
              action: v.action,
            })
          }
        >
          <Form.Item name="subjectUserId" label={t('用户编号')}>
            <Input allowClear maxLength={64} style={{ width: 240 }} data-testid="access-subject" />
          </Form.Item>
          <Form.Item name="staffUserId" label={t('员工编号')}>
            <Input allowClear maxLength={64} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="action" label={t('内容')}>
            <Select allowClear options={actions} style={{ width: 200 }} placeholder={t('全部')} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="access-search">
              {t('查询')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <CursorTable<Entry>
        rowKey="id"
        list={list}
        caption={t('访问记录')}
        empty={t('没有符合条件的访问记录')}
        columns={[
          { title: t('时间'), dataIndex: 'at', render: (v: string) => dateTime(v), width: 170 },
          {
            title: t('员工'),
            key: 'staff',
            render: (_, e) => (
              <Space size={4} wrap>
                <span>{e.staffName}</span>
                {e.staffRoles.map((r) => (
                  <Tag key={r}>{r}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('查看内容'), dataIndex: 'actionLabel' },
          {
            title: t('对象'),
            key: 'resource',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text code>{e.resource}</Typography.Text>
                {e.subjectUserId ? <Typography.Text type="secondary">{e.subjectUserId}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('理由'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </>
  );
}
