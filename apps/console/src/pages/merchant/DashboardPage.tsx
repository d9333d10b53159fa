import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type GetOk, must, problemTitle } from '../../api/client.ts';
import type { AfterSaleReason } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { Chart } from '../../components/Chart.tsx';
import type { ChartOption } from '../../components/echarts.ts';
import { yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLang, useT, type Translate } from '../../i18n/index.tsx';
import { AFTER_SALE_REASON } from '../shared/labels.ts';

type Overview = GetOk<'/api/v1/merchant/insights/overview'>;

/** The shop's figures, counted on the server (one request instead of paging through every order). */
function useDashboard(merchantId: string, days: number) {
  return useQuery({
    queryKey: ['merchant', merchantId, 'dashboard', days],
    queryFn: () => must(api.GET('/api/v1/merchant/insights/overview', { params: { query: { days } } })),
    staleTime: 60_000,
  });
}

function trendOption(stats: Overview, t: Translate, lang: string): ChartOption {
  const compact = new Intl.NumberFormat(lang, { notation: 'compact' });
  return {
    color: ['#c41d3a', '#1f6feb'],
    tooltip: { trigger: 'axis', valueFormatter: undefined },
    legend: { top: 0 },
    grid: { left: 56, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: stats.days.map((d) => d.day.slice(5)) },
    yAxis: [
      { type: 'value', name: t('元'), axisLabel: { formatter: (v: number) => compact.format(v) } },
      { type: 'value', name: t('单'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: t('成交额（元）'), type: 'line', areaStyle: { opacity: 0.08 }, data: stats.days.map((d) => d.gmv / 100) },
      { name: t('支付订单数'), type: 'bar', yAxisIndex: 1, barMaxWidth: 18, data: stats.days.map((d) => d.orders) },
    ],
  };
}

function topProductsOption(stats: Overview, t: Translate): ChartOption {
  const rows = [...stats.topProducts].reverse();
  return {
    color: ['#c41d3a'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: t('元'), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'category', data: rows.map((p) => (p.title.length > 14 ? `${p.title.slice(0, 14)}…` : p.title)) },
    series: [
      {
        name: t('成交额（元）'),
        type: 'bar',
        barMaxWidth: 16,
        data: rows.map((p) => p.amount / 100),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

function reasonsOption(stats: Overview, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        name: t('售后原因'),
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['35%', '50%'],
        label: { show: false },
        data: stats.afterSales.byReason.map((r) => ({
          name: t(AFTER_SALE_REASON[r.reason as AfterSaleReason]),
          value: r.count,
        })),
      },
    ],
  };
}

export default function DashboardPage() {
  const t = useT();
  const { lang } = useLang();
  const merchantId = useMerchantId();
  const [days, setDays] = useState(30);
  const q = useDashboard(merchantId, days);
  const charts = useMemo(
    () =>
      q.data
        ? {
            trend: trendOption(q.data, t, lang),
            top: topProductsOption(q.data, t),
            reasons: reasonsOption(q.data, t),
          }
        : null,
    [q.data, t, lang],
  );

  const header = (
    <PageHeader
      title={t('经营概览')}
      subtitle={
        <>
          {t('由服务端按付款日期（北京时间）统计，数据约有几秒延迟。')}
          <Tooltip
            title={t(
              '成交额 = 期间内付款订单的实付金额（含之后退款的部分）；售后率 = 期间内发起售后（未撤销）的订单数 ÷ 期间内付款订单数。',
            )}
          >
            <InfoCircleOutlined style={{ marginLeft: 6 }} aria-label={t('指标口径')} tabIndex={0} />
          </Tooltip>
        </>
      }
      extra={
        <Segmented
          aria-label={t('统计周期')}
          value={days}
          onChange={(v) => setDays(v)}
          options={[
            { value: 7, label: t('近 7 天') },
            { value: 30, label: t('近 30 天') },
            { value: 90, label: t('近 90 天') },
          ]}
        />
      }
    />
  );

  if (q.isPending) {
    return (
      <>
        {header}
        <Row gutter={[16, 16]}>
          {[0, 1, 2, 3].map((i) => (
            <Col key={i} xs={24} sm={12} xl={6}>
              <Card>
                <Skeleton active paragraph={{ rows: 1 }} />
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Card>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Card>
          </Col>
        </Row>
      </>
    );
  }
  if (q.isError) {
    return (
      <>
        {header}
        <Alert type="error" showIcon role="alert" title={problemTitle(q.error)} />
      </>
    );
  }
  const stats = q.data;
  const rate = stats.paidOrders > 0 ? (stats.afterSales.ordersWithAfterSales / stats.paidOrders) * 100 : null;
  return (
    <>
      {header}
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <Card>
            <Statistic title={t('成交额')} value={yuan(stats.gmv)} data-testid="stat-gmv" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('已退款 {amount}', { amount: yuan(stats.refunded) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card>
            <Statistic title={t('支付订单数')} value={stats.paidOrders} data-testid="stat-orders" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {stats.paidOrders > 0
                ? t('客单价 {amount} · 买家 {n} 人', {
                    amount: yuan(Math.round(stats.gmv / stats.paidOrders)),
                    n: stats.buyers,
                  })
                : t('期间内没有支付订单')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card>
            <Statistic
              title={t('售后率')}
              value={rate == null ? '—' : `${rate.toFixed(1)}%`}
              data-testid="stat-after-sale-rate"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('{n} 单发起售后，共 {m} 个申请', {
                n: stats.afterSales.ordersWithAfterSales,
                m: stats.afterSales.requested,
              })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card>
            <Statistic title={t('待发货订单')} value={stats.toShip} data-testid="stat-to-ship" />
            <Typography.Text type={stats.afterSales.overdue > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {stats.afterSales.toHandle > 0 ? (
                <Link to="/merchant/after-sales?status=requested">
                  {t('{n} 个售后待处理', { n: stats.afterSales.toHandle })}
                </Link>
              ) : (
                t('{n} 个售后待处理', { n: 0 })
              )}
              {stats.afterSales.overdue > 0 ? ` · ${t('{n} 个已逾期', { n: stats.afterSales.overdue })}` : ''}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('成交额与订单数（按日）')}>
            {stats.paidOrders === 0 ? (
              <Empty description={t('期间内没有支付订单')} />
            ) : (
              <Chart
                option={charts!.trend}
                height={320}
                testId="chart-trend"
                label={t('近 {n} 天每日成交额与支付订单数，合计成交额 {gmv}，{orders} 单', {
                  n: days,
                  gmv: yuan(stats.gmv),
                  orders: stats.paidOrders,
                })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('热销商品（按成交额，扣除退款）')}>
            {stats.topProducts.length === 0 ? (
              <Empty description={t('期间内没有成交的商品')} />
            ) : (
              <Chart
                option={charts!.top}
                height={300}
                testId="chart-top-products"
                label={stats.topProducts.map((p) => `${p.title} ${yuan(p.amount)}`).join('；')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('售后原因分布')}>
            {stats.afterSales.requested === 0 ? (
              <Empty description={t('期间内没有售后申请')} />
            ) : (
              <Chart
                option={charts!.reasons}
                height={300}
                testId="chart-after-sale-reasons"
                label={stats.afterSales.byReason
                  .map((r) => `${t(AFTER_SALE_REASON[r.reason as AfterSaleReason])} ${r.count}`)
                  .join('；')}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
