import { ControlOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Row, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, DetailPending } from '../../../components/DetailHeader.tsx';
import { clockTime, dateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { STATUS_TAG } from './abilities.ts';
import { MetricCards } from './MetricCards.tsx';
import { MinuteChart } from './MinuteChart.tsx';
import { useControl, useDashboard } from './queries.ts';
import { applyMetrics, type RoomEvent } from './room.ts';
import type { LiveMetrics } from './types.ts';
import { useStaffSocket } from './useStaffSocket.ts';

/** 数据大屏: the session's figures, moved by the staff socket's metrics/gmv/viewers events, refetched every 10 s. */
export default function LiveDashboardPage() {
  const t = useT();
  const { sessionId = '' } = useParams();
  const control = useControl(sessionId);
  const q = useDashboard(sessionId);
  const [m, setM] = useState<LiveMetrics | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);

  // Each refetch is the server's whole picture: it replaces what the socket events added since.
  useEffect(() => {
    if (q.data) {
      setM(q.data);
      setUpdatedAt(q.dataUpdatedAt);
    }
  }, [q.data, q.dataUpdatedAt]);
  const onEvents = useCallback((events: RoomEvent[]) => {
    if (!events.some((e) => e.type === 'metrics' || e.type === 'gmv' || e.type === 'viewers' || e.type === 'ready'))
      return;
    setM((old) => (old ? applyMetrics(old, events, Date.now()) : old));
    setUpdatedAt(Date.now());
  }, []);
  const status = control.data?.session.status;
  const socket = useStaffSocket(sessionId, { onEvents }, { enabled: status === 'live', metrics: true });

  const back = { to: '/merchant/live', label: t('返回直播管理') };
  if (!m || !control.data)
    return (
      <DetailPending
        back={back}
        error={q.error ?? control.error}
        onRetry={() => void Promise.all([q.refetch(), control.refetch()])}
      />
    );
  const s = control.data.session;
  return (
    <>
      <BackLink {...back} />
      <PageHeader
        title={
          <Space>
            {t('数据大屏 · {title}', { title: s.title })}
            <StatusTag color={STATUS_TAG[s.status].color}>{t(STATUS_TAG[s.status].label)}</StatusTag>
          </Space>
        }
        subtitle={
          <Space split="·">
            <span>
              {s.startedAt
                ? t('开播于 {time}', { time: dateTime(s.startedAt) })
                : t('计划 {time} 开播', { time: dateTime(s.scheduledAt) })}
            </span>
            {s.status === 'live' ? (
              <Badge
                status={socket.state === 'open' ? 'success' : 'warning'}
                text={socket.state === 'open' ? t('实时更新中') : t('实时连接断开，每 10 秒刷新')}
              />
            ) : null}
            {updatedAt ? <span>{t('更新于 {time}', { time: clockTime(updatedAt, true) })}</span> : null}
          </Space>
        }
        extra={
          <>
            {s.status === 'ended' ? (
              <Link to={`/merchant/live/${sessionId}/report`}>
                <Button>{t('复盘报告')}</Button>
              </Link>
            ) : null}
            <Link to={`/merchant/live/${sessionId}/control`}>
              <Button icon={<ControlOutlined />}>{t('控制台')}</Button>
            </Link>
          </>
        }
      />
      {q.isRefetchError ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('刷新失败，下面是上一次的数据')} />
      ) : null}
      <MetricCards m={m} live={s.status === 'live'} />
      <Row style={{ marginTop: 16 }}>
        <Col span={24}>
          <Card
            title={t('每分钟成交额与在线人数')}
            extra={<Typography.Text type="secondary">{t('按分钟汇总，所有服务进程合计')}</Typography.Text>}
          >
            {m.series.length === 0 ? (
              <Empty description={s.status === 'scheduled' ? t('开播后这里按分钟实时更新') : t('还没有数据')} />
            ) : (
              <MinuteChart points={m.series} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
