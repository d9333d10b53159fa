import { useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Card, Empty, Flex, InputNumber, List, Switch, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { problemTitle } from '../../../api/client.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { PageSkeleton } from '../../../components/PageSkeleton.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { useNow } from '../../../components/useNow.ts';
import { useT } from '../../../i18n/index.tsx';
import { type Desk, type DeskConversation, HANDOVER_LABEL, serviceKeys, setStatus, useDesk } from './api.ts';
import { CustomerSide } from './CustomerSide.tsx';
import { DeskChat } from './DeskChat.tsx';
import { type DeskFrame, useDeskSocket } from './useDeskSocket.ts';
import './service.css';

const SLA_SECONDS = 300;

/** 客服工作台: the queue with wait times, my conversations, the chat, and the customer beside it. */
export default function ServiceDeskPage({ desk }: { desk: Desk }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const overview = useDesk(desk);
  const [selected, setSelected] = useState<string>();
  const [alerts, setAlerts] = useState<string[]>([]);
  const now = useNow(1000);
  const [lastFrame, setLastFrame] = useState<DeskFrame>();

  const socket = useDeskSocket(desk, (frame) => {
    setLastFrame(frame);
    if (frame.type === 'sla-breached') setAlerts((a) => [...new Set([...a, frame.conversationId])]);
    if (frame.type !== 'pong') void qc.invalidateQueries({ queryKey: serviceKeys.desk(desk) });
  });

  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError)
    return <Alert type="error" showIcon message={problemTitle(overview.error)} style={{ margin: 24 }} />;
  const d = overview.data;
  const me = d.me;
  const toggle = async (online: boolean, maxConcurrent?: number) => {
    try {
      qc.setQueryData(
        serviceKeys.desk(desk),
        await setStatus(desk, { online, ...(maxConcurrent ? { maxConcurrent } : {}) }),
      );
    } catch (err) {
      notify.error(problemTitle(err));
    }
  };
  const waited = (c: DeskConversation) =>
    c.handedOverAt ? Math.max(0, Math.round((now - Date.parse(c.handedOverAt)) / 1000)) : 0;
  const metricsPath = desk === 'platform' ? '/platform/service/metrics' : '/merchant/service/metrics';

  const row = (c: DeskConversation, inQueue: boolean) => {
    const secs = waited(c);
    const late = c.slaBreached || (inQueue && secs >= SLA_SECONDS) || (!c.firstResponseAt && secs >= SLA_SECONDS);
    return (
      <List.Item
        key={c.id}
        className={c.id === selected ? 'svc-desk-item selected' : 'svc-desk-item'}
        onClick={() => setSelected(c.id)}
        data-testid={inQueue ? 'service-queue-item' : 'service-mine-item'}
      >
        <List.Item.Meta
          title={
            <Flex justify="space-between" gap={8}>
              <span>{c.customerName}</span>
              {c.handedOverAt && !c.firstResponseAt && (
                <Tag color={late ? 'red' : 'gold'}>
                  {t('已等 {m}:{s}', { m: Math.floor(secs / 60), s: String(secs % 60).padStart(2, '0') })}
                </Tag>
              )}
            </Flex>
          }
          description={
            <>
              <div className="svc-desk-last">{c.lastMessageText ?? ''}</div>
              {c.handoverReason && (
                <Typography.Text type="secondary">
                  {t(HANDOVER_LABEL[c.handoverReason] as '顾客要求转人工')}
                </Typography.Text>
              )}
            </>
          }
        />
      </List.Item>
    );
  };

  return (
    <>
      <PageHeader
        title={desk === 'platform' ? t('平台客服工作台') : t('客服工作台')}
        subtitle={t('转人工后 5 分钟内首次回复；超时会提醒所有在线客服。')}
        extra={
          <Flex align="center" gap={12}>
            <Badge
              status={socket.online ? 'success' : 'error'}
              text={socket.online ? t('实时连接正常') : t('正在重连…')}
            />
            <span>{t('在线接待')}</span>
            <Switch checked={me?.online ?? false} onChange={(v) => void toggle(v)} data-testid="service-online" />
            <span>{t('最大接待')}</span>
            <InputNumber
              min={1}
              max={50}
              value={me?.maxConcurrent ?? 5}
              onChange={(v) => v && void toggle(me?.online ?? false, v)}
              style={{ width: 72 }}
              aria-label={t('最大接待')}
            />
            <Link to={metricsPath}>{t('服务指标')}</Link>
          </Flex>
        }
      />
      {alerts.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setAlerts([])}
          message={t('{n} 个会话超过 5 分钟未回复，请尽快接待', { n: alerts.length })}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="svc-desk">
        <Card size="small" className="svc-desk-list">
          <Tabs
            items={[
              {
                key: 'queue',
                label: t('排队中 ({n})', { n: d.queue.length }),
                children: d.queue.length ? (
                  <List size="small" dataSource={d.queue} renderItem={(c) => row(c, true)} />
                ) : (
                  <Empty description={t('没有排队的顾客')} />
                ),
              },
              {
                key: 'mine',
                label: t('我的会话 ({n})', { n: d.mine.length }),
                children: d.mine.length ? (
                  <List size="small" dataSource={d.mine} renderItem={(c) => row(c, false)} />
                ) : (
                  <Empty description={t('暂无接待中的会话')} />
                ),
              },
            ]}
          />
          <Typography.Text type="secondary" className="svc-desk-team">
            {t('在线客服 {n} 人', { n: d.agents.filter((a) => a.online).length })}
          </Typography.Text>
        </Card>
        <Card size="small" className="svc-desk-chat">
          {selected ? (
            <DeskChat
              key={selected}
              id={selected}
              desk={desk}
              agents={d.agents}
              myId={me?.userId}
              frame={lastFrame}
              onClosed={() => setSelected(undefined)}
            />
          ) : (
            <Empty description={t('从左侧选择一个会话')} style={{ marginTop: 120 }} />
          )}
        </Card>
        <Card size="small" className="svc-desk-side" title={t('顾客信息')}>
          {selected ? <CustomerSide id={selected} /> : <Empty description={t('选择会话后显示顾客的订单与售后')} />}
        </Card>
      </div>
    </>
  );
}
