import { FundOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Popconfirm, Row, Space, Tabs, Typography } from 'antd';
import { useCallback, useContext, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { MerchantScope } from '../../../app/merchantScope.ts';
import { BackLink, DetailPending } from '../../../components/DetailHeader.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { panelControls, ROLE_LABEL, STATUS_TAG, type PanelControls } from './abilities.ts';
import { liveCall, liveKeys, livePaths } from './api.ts';
import { applyControl } from './control.ts';
import { ChatPanel } from './control/ChatPanel.tsx';
import { FlashCard } from './control/FlashCard.tsx';
import { LotteryCard } from './control/LotteryCard.tsx';
import { PkCard } from './control/PkCard.tsx';
import { PollCard } from './control/PollCard.tsx';
import { ProductsPanel } from './control/ProductsPanel.tsx';
import { useControl } from './queries.ts';
import { applyChat, type RoomEvent } from './room.ts';
import type { LiveChatMessage, LiveControl } from './types.ts';
import { useStaffSocket } from './useStaffSocket.ts';

/** 直播控制台: one screen per role — start/end, preview, pins, chat moderation, lottery, poll, PK, flash sale. */
export default function LiveControlPage() {
  const t = useT();
  const { sessionId = '' } = useParams();
  const q = useControl(sessionId);
  const back = { to: '/merchant/live', label: t('返回直播管理') };
  if (!q.isSuccess) return <DetailPending back={back} error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <BackLink {...back} />
      <Control c={q.data} />
    </>
  );
}

function Control({ c }: { c: LiveControl }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const sessionId = c.session.id;
  const controls = panelControls(c.role, c.abilities, c.session.status);
  const [chat, setChat] = useState<LiveChatMessage[]>([]);
  const [dropped, setDropped] = useState(0);

  const onEvents = useCallback(
    (events: RoomEvent[]) => {
      setChat((list) => applyChat(list, events));
      const lost = events.reduce((n, e) => n + (e.type === 'chat-dropped' ? e.count : 0), 0);
      if (lost > 0) setDropped((n) => n + lost);
      qc.setQueryData<LiveControl>(liveKeys.control(sessionId), (old) => (old ? applyControl(old, events) : old));
    },
    [qc, sessionId],
  );
  const socket = useStaffSocket(
    sessionId,
    { onEvents, onError: (e) => notify.error(new Error(e.problem.title)) },
    { enabled: c.session.status === 'live' || c.session.status === 'scheduled', metrics: controls.metrics },
  );

  const lifecycle = useMutation({
    mutationFn: (action: 'start' | 'end') => liveCall<unknown>('POST', `${livePaths.session(sessionId)}/${action}`),
    onSuccess: (_, action) => {
      notify.success(action === 'start' ? t('已开播') : t('直播已结束'));
      void qc.invalidateQueries({ queryKey: liveKeys.control(sessionId) });
    },
    onError: notify.error,
  });

  // Choosing a SKU reads the merchant's product catalogue: merchant staff only (a guest host runs the rest).
  const staff = useContext(MerchantScope) !== undefined;
  const tabs = useMemo(() => interactionTabs(c, controls, staff, t), [c, controls, staff, t]);
  const s = c.session;

  return (
    <>
      <PageHeader
        title={
          <Space>
            {s.title}
            <StatusTag color={STATUS_TAG[s.status].color} testId="live-control-status">
              {t(STATUS_TAG[s.status].label)}
            </StatusTag>
          </Space>
        }
        subtitle={
          <Space split="·">
            <span>{t('我的角色：{role}', { role: t(ROLE_LABEL[c.role] as '商家') })}</span>
            <span>
              {s.startedAt
                ? t('开播于 {time}', { time: dateTime(s.startedAt) })
                : t('计划 {time} 开播', { time: dateTime(s.scheduledAt) })}
            </span>
            {socket.state === 'off' ? null : (
              <Badge
                status={socket.state === 'open' ? 'success' : socket.state === 'connecting' ? 'processing' : 'error'}
                text={
                  socket.state === 'open'
                    ? t('实时连接正常')
                    : socket.state === 'connecting'
                      ? t('连接中')
                      : t('连接断开，正在重连')
                }
              />
            )}
          </Space>
        }
        extra={
          <>
            {controls.metrics && s.status !== 'scheduled' ? (
              <Link
                to={
                  s.status === 'ended' ? `/merchant/live/${sessionId}/report` : `/merchant/live/${sessionId}/dashboard`
                }
              >
                <Button icon={<FundOutlined />}>{s.status === 'ended' ? t('复盘报告') : t('数据大屏')}</Button>
              </Link>
            ) : null}
            {controls.start ? (
              <Button
                type="primary"
                loading={lifecycle.isPending}
                onClick={() => lifecycle.mutate('start')}
                data-testid="live-start"
              >
                {t('开始直播')}
              </Button>
            ) : null}
            {controls.end ? (
              <Popconfirm
                title={t('结束直播？')}
                description={t('结束后观众只能看回放，不能再开始。')}
                okText={t('结束直播')}
                cancelText={t('再想想')}
                okButtonProps={{ danger: true }}
                onConfirm={() => lifecycle.mutate('end')}
              >
                <Button danger loading={lifecycle.isPending} data-testid="live-end">
                  {t('结束直播')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col flex="0 0 260px">
          <Card size="small" title={t('直播画面')} styles={{ body: { padding: 8 } }}>
            <video
              src={s.playbackUrl}
              poster={s.posterUrl}
              muted
              autoPlay
              loop
              playsInline
              controls
              aria-label={t('直播画面预览')}
              style={{
                width: '100%',
                height: 340,
                background: '#000',
                borderRadius: 4,
                objectFit: 'cover',
                display: 'block',
              }}
            />
            <Space size="large" style={{ marginTop: 8, paddingInline: 4 }}>
              {s.status === 'scheduled' ? (
                <span>{t('{n} 人预约', { n: s.remindersCount })}</span>
              ) : (
                <>
                  {s.status === 'live' ? <span>{t('在线 {n}', { n: s.viewerCount })}</span> : null}
                  <span>{t('点赞 {n}', { n: s.likes })}</span>
                  {controls.metrics ? <span data-testid="live-control-gmv">{yuan(s.gmv)}</span> : null}
                </>
              )}
            </Space>
            {c.team.length > 0 ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 4px 0' }}>
                {t('工作人员：{list}', {
                  list: c.team.map((m) => `${t(ROLE_LABEL[m.role] as '场控')} ${m.nickname}`).join('、'),
                })}
              </Typography.Paragraph>
            ) : null}
            {c.stream ? (
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, margin: '8px 4px 0', wordBreak: 'break-all' }}
                data-testid="live-ingest"
              >
                {c.stream.ingestUrl ? (
                  <Typography.Text type="secondary" copyable={{ text: c.stream.ingestUrl }} style={{ fontSize: 12 }}>
                    {t('推流地址：{url}', { url: c.stream.ingestUrl })}
                  </Typography.Text>
                ) : (
                  t('未配置媒体服务器，直播间播放内置样片')
                )}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
        <Col flex="1 1 360px">
          <ProductsPanel c={c} canPin={controls.pin} />
        </Col>
        <Col flex="1 1 360px">
          <ChatPanel
            sessionId={sessionId}
            messages={chat}
            dropped={dropped}
            controls={controls}
            send={socket.send}
            status={s.status}
          />
        </Col>
        {tabs.length > 0 ? (
          <Col span={24}>
            <Card size="small" title={t('互动玩法')}>
              <Tabs items={tabs} />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}

function interactionTabs(c: LiveControl, controls: PanelControls, staff: boolean, t: ReturnType<typeof useT>) {
  const tabs = [];
  if (controls.lotteryPoll || c.lottery)
    tabs.push({ key: 'lottery', label: t('弹幕抽奖'), children: <LotteryCard c={c} canRun={controls.lotteryPoll} /> });
  if (controls.lotteryPoll || c.poll)
    tabs.push({ key: 'poll', label: t('投票选品'), children: <PollCard c={c} canRun={controls.lotteryPoll} /> });
  if (controls.pkFlash || c.pk)
    tabs.push({ key: 'pk', label: t('主播 PK'), children: <PkCard c={c} canRun={controls.pkFlash} /> });
  if (controls.pkFlash || c.flash)
    tabs.push({ key: 'flash', label: t('直播秒杀'), children: <FlashCard c={c} canRun={controls.pkFlash} /> });
  return tabs;
}
