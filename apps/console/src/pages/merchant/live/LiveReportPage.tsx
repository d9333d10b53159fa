import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useRef } from 'react';
import { useParams } from 'react-router';
import { BackLink, DetailPending } from '../../../components/DetailHeader.tsx';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { STATUS_TAG } from './abilities.ts';
import { MetricCards } from './MetricCards.tsx';
import { MinuteChart } from './MinuteChart.tsx';
import { useControl, useReport } from './queries.ts';
import { offset } from './room.ts';
import type { LiveReport } from './types.ts';

type ProductRow = LiveReport['products'][number];

/** 复盘报告: the whole session's figures, GMV and viewers per minute, each product's clicks/orders/GMV, clips. */
export default function LiveReportPage() {
  const t = useT();
  const { sessionId = '' } = useParams();
  const q = useReport(sessionId);
  // The replay address and status come with the session's detail.
  const control = useControl(sessionId);
  const back = { to: '/merchant/live', label: t('返回直播管理') };
  if (!q.isSuccess) return <DetailPending back={back} error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <BackLink {...back} />
      <Report
        r={q.data}
        replayUrl={control.data?.session.status === 'ended' ? control.data.session.playbackUrl : null}
      />
    </>
  );
}

function Report({ r, replayUrl }: { r: LiveReport; replayUrl: string | null }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const minutes = Math.max(1, Math.round(r.durationSeconds / 60));
  const jump = (seconds: number) => {
    const v = video.current;
    if (!v) return;
    v.currentTime = seconds;
    void v.play().catch(() => undefined);
  };
  const columns: TableColumnsType<ProductRow> = [
    {
      title: t('商品'),
      key: 'title',
      render: (_, p) => (
        <span className="cell-wrap" style={{ maxWidth: 360, display: 'inline-block' }}>
          {p.title}
        </span>
      ),
    },
    { title: t('点击'), dataIndex: 'clicks', key: 'clicks', align: 'right', sorter: (a, b) => a.clicks - b.clicks },
    { title: t('售出件数'), dataIndex: 'units', key: 'units', align: 'right', sorter: (a, b) => a.units - b.units },
    {
      title: t('成交额'),
      key: 'gmv',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.gmv - b.gmv,
      render: (_, p) => yuan(p.gmv),
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space>
            {t('复盘报告 · {title}', { title: r.title })}
            <StatusTag color={STATUS_TAG.ended.color}>{t(STATUS_TAG.ended.label)}</StatusTag>
          </Space>
        }
        subtitle={`${dateTime(r.startedAt)} – ${dateTime(r.endedAt)} · ${t('时长 {n} 分钟', { n: minutes })}`}
      />
      <MetricCards m={r} live={false} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <Card title={t('每分钟成交额与在线人数')}>
            {r.series.length === 0 ? (
              <Empty description={t('这场直播没有留下分钟数据')} />
            ) : (
              <MinuteChart points={r.series} height={240} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('商品表现')}>
            <Table<ProductRow>
              rowKey="productId"
              columns={columns}
              dataSource={r.products}
              pagination={r.products.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              locale={{ emptyText: t('这场直播没有商品') }}
              scroll={{ x: 'max-content' }}
              onRow={() => ({ 'data-testid': 'live-report-product' }) as React.HTMLAttributes<HTMLElement>}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('回放与讲解片段')} styles={{ body: { paddingTop: 12 } }}>
            {replayUrl ? (
              <video
                ref={video}
                src={replayUrl}
                controls
                playsInline
                preload="metadata"
                aria-label={t('直播回放')}
                style={{ width: '100%', maxHeight: 260, background: '#000', borderRadius: 4 }}
              />
            ) : (
              <Typography.Text type="secondary">{t('暂无回放')}</Typography.Text>
            )}
            <List
              size="small"
              dataSource={r.clips}
              locale={{ emptyText: t('没有置顶讲解过的商品，没有片段') }}
              renderItem={(c) => (
                <List.Item
                  data-testid="live-report-clip"
                  actions={
                    replayUrl
                      ? [
                          <Button
                            key="play"
                            type="link"
                            size="small"
                            icon={<PlayCircleOutlined />}
                            onClick={() => jump(c.offsetSeconds)}
                            aria-label={t('从 {at} 播放「{title}」', { at: offset(c.offsetSeconds), title: c.title })}
                          >
                            {offset(c.offsetSeconds)}
                          </Button>,
                        ]
                      : [offset(c.offsetSeconds)]
                  }
                >
                  <Typography.Text ellipsis={{ tooltip: c.title }} style={{ maxWidth: 220 }}>
                    {c.title}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
