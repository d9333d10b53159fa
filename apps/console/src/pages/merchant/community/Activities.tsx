import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, List, Row, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { useCommunityRefresh } from './api.ts';

interface MeetupForm {
  title: string;
  description?: string;
  location: string;
  startsAt: Dayjs;
  capacity: number;
}

/** Offline meetups: schedule one, and see real sign-ups against its places. */
export function Meetups({ communityId }: { communityId: string }) {
  const t = useT();
  const notify = useNotify();
  const refresh = useCommunityRefresh(communityId);
  const [form] = Form.useForm<MeetupForm>();
  const list = useQuery({
    queryKey: ['community', communityId, 'meetups'],
    queryFn: async () =>
      (await must(api.GET('/api/v1/communities/{id}/meetups', { params: { path: { id: communityId } } }))).items,
  });
  const create = useMutation({
    mutationFn: (v: MeetupForm) =>
      must(
        api.POST('/api/v1/communities/{id}/meetups', {
          params: { path: { id: communityId } },
          body: {
            title: v.title,
            description: v.description ?? '',
            location: v.location,
            startsAt: v.startsAt.toISOString(),
            capacity: v.capacity,
          },
        }),
      ),
    onSuccess: () => {
      notify.success(t('活动已发布'));
      form.resetFields();
      refresh();
    },
    onError: notify.error,
  });
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card title={t('发起线下活动')} size="small">
          <Form
            form={form}
            name="meetup"
            layout="vertical"
            initialValues={{ capacity: 20 }}
            onFinish={(v) => create.mutate(v)}
          >
            <Form.Item
              name="title"
              label={t('活动名称')}
              rules={[{ required: true, min: 2, max: 40, message: t('活动名称 2–40 个字') }]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item
              name="location"
              label={t('地点')}
              rules={[{ required: true, min: 2, message: t('请填写活动地点') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="startsAt" label={t('开始时间')} rules={[{ required: true, message: t('请选择开始时间') }]}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="capacity" label={t('名额')} rules={[{ required: true }]}>
              <InputNumber min={1} max={500} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="description" label={t('说明')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('发布活动')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {list.isError ? (
          <Alert type="error" showIcon title={problemTitle(list.error)} />
        ) : (
          <List
            loading={list.isPending}
            dataSource={list.data ?? []}
            locale={{ emptyText: t('还没有活动') }}
            renderItem={(m) => (
              <List.Item>
                <List.Item.Meta title={m.title} description={`${dateTime(m.startsAt)} · ${m.location}`} />
                <Typography.Text>{t('已报名 {n} / {cap}', { n: m.signedUp, cap: m.capacity })}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Col>
    </Row>
  );
}

/** Applications to join (admission by application), approved or rejected one by one. */
export function Applications({ communityId }: { communityId: string }) {
  const t = useT();
  const notify = useNotify();
  const refresh = useCommunityRefresh(communityId);
  const list = useQuery({
    queryKey: ['community', communityId, 'applications'],
    queryFn: async () =>
      (await must(api.GET('/api/v1/communities/{id}/applications', { params: { path: { id: communityId } } }))).items,
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean }) =>
      must(
        api.POST('/api/v1/community-applications/{id}/decision', {
          params: { path: { id: v.id } },
          body: { approve: v.approve },
        }),
      ),
    onSuccess: (r) => {
      notify.success(r.status === 'approved' ? t('已通过，成员已入群') : t('已拒绝'));
      refresh();
    },
    onError: notify.error,
  });
  if (list.isError) return <Alert type="error" showIcon title={problemTitle(list.error)} />;
  return (
    <List
      loading={list.isPending}
      dataSource={list.data ?? []}
      locale={{ emptyText: t('没有待审核的申请') }}
      renderItem={(a) => (
        <List.Item
          actions={[
            <Space key="d">
              <Button type="primary" size="small" onClick={() => decide.mutate({ id: a.id, approve: true })}>
                {t('通过')}
              </Button>
              <Button size="small" onClick={() => decide.mutate({ id: a.id, approve: false })}>
                {t('拒绝')}
              </Button>
            </Space>,
          ]}
        >
          <List.Item.Meta
            title={a.nickname}
            description={`${dateTime(a.createdAt)}${a.message ? ` · ${a.message}` : ''}`}
          />
        </List.Item>
      )}
    />
  );
}
