import { InfoCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useParams } from 'react-router';
import { useMerchantId } from '../../app/merchantScope.ts';
import { BackLink, DetailPending } from '../../components/DetailHeader.tsx';
import { clockTime, dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { useFlashMonitor, type FlashItem, type FlashMonitor } from './flashsale/api.ts';
import { ITEM_STATE, SLOT_STATE, soldPercent } from './flashsale/labels.ts';
import { PerSecondChart } from './flashsale/PerSecondChart.tsx';

const hms = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86_400);
  return `${days > 0 ? `${days}d ` : ''}${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
};

/** 场次监控: sold, remaining, paid, released, buyers and purchases per second — polled every 2 s while live. */
export default function FlashSaleMonitorPage() {
  const t = useT();
  const { saleId = '' } = useParams();
  const merchantId = useMerchantId();
  const q = useFlashMonitor(merchantId, saleId);
  const back = { to: '/merchant/flash-sales', label: t('返回秒杀活动') };
  if (!q.isSuccess) return <DetailPending back={back} error={q.error} onRetry={() => void q.refetch()} rows={8} />;
  return (
    <>
      <BackLink {...back} />
      <Monitor m={q.data} updatedAt={q.dataUpdatedAt} stale={q.isRefetchError} />
    </>
  );
}

function Monitor({ m, updatedAt, stale }: { m: FlashMonitor; updatedAt: number; stale: boolean }) {
  const t = useT();
  const now = useNow(1000);
  const sold = m.items.reduce((n, i) => n + i.sold, 0);
  const quantity = m.items.reduce((n, i) => n + i.quantity, 0);
  const remaining = m.items.reduce((n, i) => n + i.remaining, 0);
  const lastTen = m.perSecond.slice(-10).reduce((n, p) => n + p.purchases, 0);

  const columns: TableColumnsType<FlashItem> = [
    {
      title: t('商品'),
      key: 'title',
      render: (_, i) => (
        <Space align="start">
          {i.imageUrl ? (
            <img src={i.imageUrl} alt="" width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} />
          ) : null}
          <div className="cell-wrap" style={{ minWidth: 200, maxWidth: 320 }}>
            {i.title}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {i.specText}
            </Typography.Text>
          </div>
        </Space>
      ),
    },
    {
      title: t('秒杀价 / 现价'),
      key: 'price',
      align: 'right',
      render: (_, i) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong style={{ color: '#c41d3a' }}>
            {yuan(i.flashPrice)}
          </Typography.Text>{' '}
          <Typography.Text type="secondary" delete>
            {yuan(i.regularPrice)}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('已抢 / 总量'),
      key: 'sold',
      render: (_, i) => (
        <div style={{ minWidth: 180 }}>
          {i.sold} / {i.quantity}（{soldPercent(i.sold, i.quantity)}%）
          <div>
            <Progress
              percent={soldPercent(i.sold, i.quantity)}
              showInfo={false}
              size={{ width: 160, height: 6 }}
              strokeColor="#c41d3a"
              aria-label={t('已抢比例')}
            />
          </div>
        </div>
      ),
    },
    { title: t('剩余'), dataIndex: 'remaining', key: 'remaining', align: 'right' },
    { title: t('每人限购'), dataIndex: 'perUserLimit', key: 'perUserLimit', align: 'right' },
    {
      title: t('状态'),
      key: 'state',
      render: (_, i) => <StatusTag color={ITEM_STATE[i.state].color}>{t(ITEM_STATE[i.state].label)}</StatusTag>,
    },
  ];

  const countdown =
    m.state === 'upcoming'
      ? t('距开始 {time}', { time: hms(Date.parse(m.startsAt) - now) })
      : m.state === 'live'
        ? t('距结束 {time}', { time: hms(Date.parse(m.endsAt) - now) })
        : null;

  return (
    <>
      <PageHeader
        title={
          <Space>
            {m.title}
            <StatusTag color={SLOT_STATE[m.state].color} testId="flash-monitor-state">
              {t(SLOT_STATE[m.state].label)}
            </StatusTag>
          </Space>
        }
        subtitle={`${dateTime(m.startsAt)} – ${dateTime(m.endsAt)}`}
        extra={
          <Space direction="vertical" align="end" size={0}>
            {countdown ? (
              <Typography.Text strong style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }}>
                {countdown}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.state === 'live'
                ? t('每 2 秒刷新 · 更新于 {time}', {
                    time: clockTime(updatedAt, true),
                  })
                : t('更新于 {time}', { time: clockTime(updatedAt, true) })}
            </Typography.Text>
          </Space>
        }
      />
      {stale ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('刷新失败，下面是上一次的数据')} />
      ) : null}
      <Row gutter={[16, 16]}>
        {[
          {
            key: 'sold',
            title: t('已抢'),
            value: sold,
            suffix: `/ ${quantity}`,
            tip: t('被抢到且未失效的件数（待付款 + 已付款）'),
          },
          {
            key: 'remaining',
            title: t('剩余'),
            value: remaining,
            tip: t('还能被抢的件数；超时未付款的名额会回到这里'),
          },
          { key: 'paid', title: t('已付款'), value: m.paidUnits, tip: t('已付款的件数') },
          {
            key: 'released',
            title: t('已释放'),
            value: m.expiredUnits,
            tip: t('抢到后超时未付款或取消、退回秒杀库存的件数'),
          },
          { key: 'buyers', title: t('参与买家'), value: m.buyers, tip: t('当前持有名额的买家人数') },
        ].map((s) => (
          <Col key={s.key} flex="1 1 220px">
            <Card>
              <Statistic
                title={
                  <Space size={4}>
                    {s.title}
                    <Tooltip title={s.tip}>
                      <InfoCircleOutlined aria-label={s.tip} tabIndex={0} />
                    </Tooltip>
                  </Space>
                }
                value={s.value}
                suffix={s.suffix}
                data-testid={`flash-stat-${s.key}`}
              />
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <Card
            title={t('每秒抢到笔数（近 1 分钟）')}
            extra={
              <Typography.Text type="secondary">
                {t('近 10 秒平均 {n} 笔/秒', { n: (lastTen / 10).toFixed(1) })}
              </Typography.Text>
            }
          >
            {m.state === 'upcoming' ? (
              <Empty description={t('开始后这里每 2 秒更新一次')} />
            ) : (
              <PerSecondChart perSecond={m.perSecond} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('商品进度')}>
            <Table<FlashItem>
              rowKey="itemId"
              columns={columns}
              dataSource={m.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
