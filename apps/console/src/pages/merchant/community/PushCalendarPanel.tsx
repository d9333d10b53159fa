import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  List,
  Row,
  Skeleton,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { useCommunityRefresh, usePushCalendar } from './api.ts';

/** This week's three promotional slots (Asia/Shanghai ISO week), the announcement composer and past announcements. */
export function PushCalendarPanel({ communityId }: { communityId: string }) {
  const t = useT();
  const calendar = usePushCalendar(communityId);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card title={t('本周促销推送')} size="small" data-testid="push-calendar">
          {calendar.isPending ? (
            <Skeleton active />
          ) : calendar.isError ? (
            <Alert type="error" showIcon title={problemTitle(calendar.error)} />
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                {t('{week} · 每周最多 {limit} 次，剩余 {n} 次；下周额度于 {at} 开放', {
                  week: calendar.data.week,
                  limit: calendar.data.limit,
                  n: calendar.data.remaining,
                  at: dateTime(calendar.data.nextWeekStartsAt),
                })}
              </Typography.Paragraph>
              <Steps
                direction="vertical"
                size="small"
                items={Array.from({ length: calendar.data.limit }, (_, i) => {
                  const push = calendar.data.pushes.find((p) => p.slot === i + 1);
                  return {
                    title: push ? push.title : t('第 {n} 次（未使用）', { n: i + 1 }),
                    description: push
                      ? `${push.kind === 'announcement' ? t('促销公告') : t('分组消息')} · ${dateTime(push.createdAt)}`
                      : undefined,
                    status: push ? 'finish' : 'wait',
                  };
                })}
              />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <AnnouncementForm communityId={communityId} />
        <Announcements communityId={communityId} />
      </Col>
    </Row>
  );
}

interface AnnouncementInput {
  title: string;
  body: string;
  promotional: boolean;
  pinned: boolean;
}

function AnnouncementForm({ communityId }: { communityId: string }) {
  const t = useT();
  const notify = useNotify();
  const refresh = useCommunityRefresh(communityId);
  const [form] = Form.useForm<AnnouncementInput>();
  const post = useMutation({
    mutationFn: (body: AnnouncementInput) =>
      must(api.POST('/api/v1/communities/{id}/announcements', { params: { path: { id: communityId } }, body })),
    onSuccess: () => {
      notify.success(t('公告已发布'));
      form.resetFields();
      refresh();
    },
    onError: notify.error,
  });
  return (
    <Card title={t('发布公告')} size="small">
      <Form
        form={form}
        name="announcement"
        layout="vertical"
        initialValues={{ promotional: false, pinned: true }}
        onFinish={(v) => post.mutate(v)}
      >
        <Form.Item
          name="title"
          label={t('标题')}
          rules={[{ required: true, min: 2, max: 40, message: t('标题 2–40 个字') }]}
        >
          <Input maxLength={40} data-testid="announcement-title" />
        </Form.Item>
        <Form.Item name="body" label={t('内容')} rules={[{ required: true, message: t('请填写公告内容') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Space>
          <Form.Item name="promotional" valuePropName="checked" noStyle>
            <Checkbox>{t('促销内容（占用本周推送额度）')}</Checkbox>
          </Form.Item>
          <Form.Item name="pinned" valuePropName="checked" noStyle>
            <Checkbox>{t('置顶')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={post.isPending} data-testid="announcement-submit">
            {t('发布')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function Announcements({ communityId }: { communityId: string }) {
  const t = useT();
  const list = useQuery({
    queryKey: ['community', communityId, 'announcements'],
    queryFn: () =>
      must(
        api.GET('/api/v1/communities/{id}/announcements', {
          params: { path: { id: communityId }, query: { limit: 20 } },
        }),
      ),
  });
  return (
    <List
      style={{ marginTop: 16 }}
      header={t('已发布的公告')}
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: t('还没有公告') }}
      renderItem={(a) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Space>
                {a.title}
                {a.pinned && <Tag color="red">{t('置顶')}</Tag>}
                {a.promotional && <Tag color="orange">{t('促销')}</Tag>}
              </Space>
            }
            description={`${dateTime(a.createdAt)} · ${a.body}`}
          />
        </List.Item>
      )}
    />
  );
}
