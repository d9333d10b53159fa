import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Col,
  Empty,
  Form,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useNotify } from '../../../../components/feedback.ts';
import { yuan } from '../../../../components/format.ts';
import { useNow } from '../../../../components/useNow.ts';
import { useT } from '../../../../i18n/index.tsx';
import { liveCall, liveKeys, livePaths } from '../api.ts';
import { useLiveNow } from '../queries.ts';
import { remaining } from '../room.ts';
import type { LiveControl, LivePk } from '../types.ts';

interface PkForm {
  opponentSessionId: string;
  metric: 'gmv' | 'likes';
  durationSeconds: number;
}

/** 主播 PK: invite another live room to a timed contest by GMV or likes; both rooms see the score bar. */
export function PkCard({ c, canRun }: { c: LiveControl; canRun: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const now = useNow(1000);
  const sessionId = c.session.id;
  const pk = c.pk;
  const rooms = useLiveNow(canRun);
  const refresh = (p: LivePk) =>
    qc.setQueryData<LiveControl>(liveKeys.control(sessionId), (old) => (old ? { ...old, pk: p } : old));
  const invite = useMutation({
    mutationFn: (v: PkForm) => liveCall<LivePk>('POST', `${livePaths.session(sessionId)}/pk`, v),
    onSuccess: (p) => {
      refresh(p);
      notify.success(t('已发出 PK 邀请，等待对方接受'));
    },
    onError: notify.error,
  });
  const answer = useMutation({
    mutationFn: (v: { id: string; accept: boolean }) =>
      liveCall<LivePk>('POST', `${livePaths.pk(v.id)}/${v.accept ? 'accept' : 'decline'}`),
    onSuccess: (p, v) => {
      refresh(p);
      notify.success(v.accept ? t('PK 开始') : t('已拒绝 PK 邀请'));
    },
    onError: notify.error,
  });
  const busy = pk !== null && (pk.status === 'invited' || pk.status === 'running');
  const score = (n: number) => (pk?.metric === 'gmv' ? yuan(n) : String(n));
  // Side a invited side b; this room may be either.
  const ours = pk?.a.sessionId === sessionId ? 'a' : 'b';
  const us = pk ? pk[ours] : null;
  const them = pk ? pk[ours === 'a' ? 'b' : 'a'] : null;
  const incoming = pk?.status === 'invited' && ours === 'b';
  const total = us && them ? us.score + them.score : 0;

  return (
    <Row gutter={24}>
      <Col xs={24} lg={10}>
        {!pk || !us || !them ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('还没有 PK')} />
        ) : pk.status === 'invited' ? (
          incoming ? (
            <Alert
              type="info"
              showIcon
              title={t('「{title}」邀请你 PK：比{metric}，{n} 秒', {
                title: them.title,
                metric: pk.metric === 'gmv' ? t('成交额') : t('点赞'),
                n: pk.durationSeconds,
              })}
              action={
                canRun ? (
                  <Space direction="vertical">
                    <Button
                      type="primary"
                      size="small"
                      loading={answer.isPending}
                      onClick={() => answer.mutate({ id: pk.id, accept: true })}
                      data-testid="live-pk-accept"
                    >
                      {t('接受')}
                    </Button>
                    <Button
                      size="small"
                      loading={answer.isPending}
                      onClick={() => answer.mutate({ id: pk.id, accept: false })}
                      data-testid="live-pk-decline"
                    >
                      {t('拒绝')}
                    </Button>
                  </Space>
                ) : null
              }
            />
          ) : (
            <Alert type="info" showIcon title={t('已邀请「{title}」，等待对方接受', { title: them.title })} />
          )
        ) : pk.status === 'declined' ? (
          <Alert type="warning" showIcon title={t('「{title}」拒绝了 PK 邀请', { title: them.title })} />
        ) : (
          <div data-testid="live-pk">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>{t('我方 {score}', { score: score(us.score) })}</Typography.Text>
              <Typography.Text type="secondary">
                {pk.status === 'running' && pk.endsAt
                  ? t('剩余 {time}', { time: remaining(pk.endsAt, now) })
                  : pk.winner === 'draw'
                    ? t('平局')
                    : pk.winner === ours
                      ? t('我方胜')
                      : t('对方胜')}
              </Typography.Text>
              <Typography.Text strong>
                {t('{title} {score}', { title: them.title, score: score(them.score) })}
              </Typography.Text>
            </Space>
            <Progress
              percent={total ? Math.round((us.score / total) * 100) : 50}
              showInfo={false}
              strokeColor="#c41d3a"
              railColor="#1677ff"
              aria-label={t('PK 比分')}
            />
          </div>
        )}
      </Col>
      {canRun ? (
        <Col xs={24} lg={14}>
          <Form<PkForm>
            layout="vertical"
            initialValues={{ metric: 'gmv', durationSeconds: 300 }}
            onFinish={(v) => invite.mutate(v)}
            disabled={busy}
          >
            <Form.Item
              name="opponentSessionId"
              label={t('对手直播间')}
              rules={[{ required: true, message: t('请选择正在直播的直播间') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={rooms.isPending}
                placeholder={t('选择正在直播的直播间')}
                notFoundContent={t('现在没有其他直播间在直播')}
                options={(rooms.data?.items ?? [])
                  .filter((r) => r.id !== sessionId)
                  .map((r) => ({ value: r.id, label: r.merchant ? `${r.title}（${r.merchant.name}）` : r.title }))}
              />
            </Form.Item>
            <Space align="end" wrap>
              <Form.Item name="metric" label={t('比拼')} style={{ marginBottom: 0 }}>
                <Segmented
                  options={[
                    { value: 'gmv', label: t('成交额') },
                    { value: 'likes', label: t('点赞') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="durationSeconds"
                label={t('时长（秒）')}
                rules={[{ required: true, type: 'integer', min: 60, max: 1800, message: t('60–1800 秒') }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={60} max={1800} step={60} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={invite.isPending} data-testid="live-pk-invite">
                {t('发起 PK')}
              </Button>
            </Space>
          </Form>
        </Col>
      ) : null}
    </Row>
  );
}
