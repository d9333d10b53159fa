import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Empty, Form, Input, InputNumber, Progress, Row, Space, Typography } from 'antd';
import { useNotify } from '../../../../components/feedback.ts';
import { useNow } from '../../../../components/useNow.ts';
import { useT } from '../../../../i18n/index.tsx';
import { liveCall, liveKeys, livePaths } from '../api.ts';
import { remaining } from '../room.ts';
import type { LiveControl, LivePoll } from '../types.ts';

interface PollForm {
  question: string;
  options: { label?: string }[];
  durationSeconds: number;
}

/** 投票选品: a question with 2–6 options, one vote per viewer, results live as votes arrive. */
export function PollCard({ c, canRun }: { c: LiveControl; canRun: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const now = useNow(1000);
  const sessionId = c.session.id;
  const poll = c.poll;
  const refresh = (p: LivePoll) =>
    qc.setQueryData<LiveControl>(liveKeys.control(sessionId), (old) => (old ? { ...old, poll: p } : old));
  const open = useMutation({
    mutationFn: (v: PollForm) =>
      liveCall<LivePoll>('POST', `${livePaths.session(sessionId)}/polls`, {
        question: v.question.trim(),
        options: v.options.map((o) => ({ label: (o.label ?? '').trim() })).filter((o) => o.label),
        durationSeconds: v.durationSeconds,
      }),
    onSuccess: (p) => {
      refresh(p);
      notify.success(t('投票已开始'));
    },
    onError: notify.error,
  });
  const close = useMutation({
    mutationFn: (id: string) => liveCall<LivePoll>('POST', `${livePaths.poll(id)}/close`),
    onSuccess: (p) => {
      refresh(p);
      notify.success(t('投票已结束'));
    },
    onError: notify.error,
  });
  const active = poll !== null && poll.status === 'open' && Date.parse(poll.closesAt) > now;
  const total = poll?.totalVotes ?? 0;

  return (
    <Row gutter={24}>
      <Col xs={24} lg={10}>
        {poll ? (
          <div data-testid="live-poll">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {poll.question}
            </Typography.Title>
            {poll.options.map((o, i) => (
              <div key={i} style={{ marginBottom: 8 }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <span>{o.label}</span>
                  <Typography.Text type="secondary">{t('{n} 票', { n: o.votes })}</Typography.Text>
                </Space>
                <Progress percent={total ? Math.round((o.votes / total) * 100) : 0} size="small" aria-label={o.label} />
              </div>
            ))}
            <Space>
              <Typography.Text type="secondary">
                {active
                  ? t('共 {n} 票 · 剩余 {time}', { n: total, time: remaining(poll.closesAt, now) })
                  : t('共 {n} 票 · 已结束', { n: total })}
              </Typography.Text>
              {active && canRun ? (
                <Button
                  size="small"
                  loading={close.isPending}
                  onClick={() => close.mutate(poll.id)}
                  data-testid="live-poll-close"
                >
                  {t('结束投票')}
                </Button>
              ) : null}
            </Space>
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('还没有投票')} />
        )}
      </Col>
      {canRun ? (
        <Col xs={24} lg={14}>
          <Form<PollForm>
            layout="vertical"
            initialValues={{ options: [{}, {}], durationSeconds: 120 }}
            onFinish={(v) => open.mutate(v)}
            disabled={active}
          >
            <Form.Item
              name="question"
              label={t('投票问题')}
              rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('问题 2–40 个字') }]}
            >
              <Input maxLength={40} placeholder={t('例如：下一件想看哪款？')} />
            </Form.Item>
            <Form.List name="options">
              {(fields, { add, remove }) => (
                <Space wrap align="start">
                  {fields.map((f, i) => (
                    <Space.Compact key={f.key}>
                      <Form.Item
                        name={[f.name, 'label']}
                        rules={[{ required: true, whitespace: true, max: 20, message: t('选项 1–20 个字') }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Input maxLength={20} placeholder={t('选项 {n}', { n: i + 1 })} style={{ width: 140 }} />
                      </Form.Item>
                      {fields.length > 2 ? (
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('删除选项 {n}', { n: i + 1 })}
                          onClick={() => remove(f.name)}
                        />
                      ) : null}
                    </Space.Compact>
                  ))}
                  {fields.length < 6 ? (
                    <Button icon={<PlusOutlined />} onClick={() => add({})}>
                      {t('加选项')}
                    </Button>
                  ) : null}
                </Space>
              )}
            </Form.List>
            <Space align="end">
              <Form.Item
                name="durationSeconds"
                label={t('时长（秒）')}
                rules={[{ required: true, type: 'integer', min: 10, max: 1800, message: t('10–1800 秒') }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={10} max={1800} step={30} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="live-poll-open">
                {t('发起投票')}
              </Button>
            </Space>
          </Form>
        </Col>
      ) : null}
    </Row>
  );
}
