import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError, must, problemTitle } from '../../../api/client.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { type Tier, TIER_LABEL, useCommunityRefresh } from './api.ts';

interface SegmentForm {
  title: string;
  body: string;
  tiers: Tier[];
  tags: string[];
  promotional: boolean;
}

/** Messages to a segment (tiers × tags). Promotional ones go only to members who consented and use a weekly slot. */
export function SegmentComposer({ communityId }: { communityId: string }) {
  const t = useT();
  const notify = useNotify();
  const refresh = useCommunityRefresh(communityId);
  const [form] = Form.useForm<SegmentForm>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const tags = useQuery({
    queryKey: ['community', communityId, 'tags'],
    queryFn: async () =>
      (await must(api.GET('/api/v1/communities/{id}/scrm/tags', { params: { path: { id: communityId } } }))).items,
  });
  const sent = useCursorList(['community', communityId, 'segment-messages'], (cursor) =>
    must(
      api.GET('/api/v1/communities/{id}/scrm/messages', {
        params: { path: { id: communityId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const send = useMutation({
    mutationFn: (v: SegmentForm) =>
      must(
        api.POST('/api/v1/communities/{id}/scrm/messages', {
          params: { path: { id: communityId } },
          body: {
            title: v.title,
            body: v.body,
            promotional: v.promotional,
            segment: { tiers: v.tiers ?? [], tags: v.tags ?? [] },
          },
        }),
      ),
    onSuccess: (r) => {
      setRefusal(undefined);
      notify.success(
        t('已发送给 {n} 位成员（{m} 位未同意营销消息，未发送）', { n: r.recipients, m: r.skippedNoConsent }),
      );
      form.resetFields();
      refresh();
    },
    // The refusal stays on screen: push-cap-reached says when next week's slots open.
    onError: (err) =>
      setRefusal(
        err instanceof ApiError && err.problem.detail
          ? `${err.problem.title}：${err.problem.detail}`
          : problemTitle(err),
      ),
  });
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card title={t('发消息给成员分组')} size="small">
          {refusal && (
            <Alert type="warning" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="segment-refusal" />
          )}
          <Form
            form={form}
            name="segment"
            layout="vertical"
            initialValues={{ tiers: [], tags: [], promotional: true }}
            onFinish={(v) => send.mutate(v)}
          >
            <Form.Item name="tiers" label={t('等级（不选为全部）')}>
              <Select
                mode="multiple"
                options={(Object.keys(TIER_LABEL) as Tier[]).map((k) => ({ value: k, label: t(TIER_LABEL[k]) }))}
              />
            </Form.Item>
            <Form.Item name="tags" label={t('标签（任一命中）')}>
              <Select mode="multiple" options={(tags.data ?? []).map((x) => ({ value: x, label: x }))} />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('标题')}
              rules={[{ required: true, min: 2, max: 40, message: t('标题 2–40 个字') }]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="body" label={t('内容')} rules={[{ required: true, message: t('请填写消息内容') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item
              name="promotional"
              valuePropName="checked"
              extra={t('促销消息只发给同意接收营销消息的成员，并占用每周 3 次推送额度。')}
            >
              <Checkbox>{t('促销消息')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="segment-send">
              {t('发送')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <CursorTable
          list={sent}
          caption={t('已发送')}
          empty={t('还没有发送过分组消息')}
          rowKey="id"
          columns={[
            { title: t('标题'), dataIndex: 'title' },
            {
              title: t('类型'),
              dataIndex: 'promotional',
              render: (v: boolean) => (v ? <Tag color="orange">{t('促销')}</Tag> : <Tag>{t('服务')}</Tag>),
            },
            { title: t('送达'), dataIndex: 'recipients' },
            { title: t('未授权跳过'), dataIndex: 'skippedNoConsent' },
            { title: t('时间'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          ]}
        />
      </Col>
    </Row>
  );
}
