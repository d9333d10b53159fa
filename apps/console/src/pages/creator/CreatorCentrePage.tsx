import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { api, must, problemTitle, type GetOk } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

type Overview = GetOk<'/api/v1/creator/overview'>;
type PostRow = Overview['posts'][number];
type OrderRow = Overview['recentOrders'][number];

/**
 * 创作者中心: per post, the views and product clicks counted by the posts module, the paid orders and GMV
 * attribution credits to it (last touch), and the creator's own commission on those orders (distribution's).
 */
export default function CreatorCentrePage() {
  const t = useT();
  const overview = useQuery({
    queryKey: ['creator', 'overview'],
    queryFn: () => must(api.GET('/api/v1/creator/overview')),
  });
  if (overview.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (overview.isError) return <Alert type="error" showIcon role="alert" title={problemTitle(overview.error)} />;
  const { totals, posts, recentOrders } = overview.data;
  const status = { paid: t('已付款'), pending_payment: t('待付款'), voided: t('已取消/退款') } as const;
  const postColumns: TableColumnsType<PostRow> = [
    {
      title: t('笔记'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <span>
          {r.sponsored && <Tag>{t('广告')}</Tag>}
          <a href={`/posts/${r.id}`} target="_blank" rel="noreferrer">
            {title}
          </a>
          {r.status !== 'published' && (
            <Tag color="orange" style={{ marginLeft: 4 }}>
              {r.status === 'pending_review' ? t('审核中') : t('已下架')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('发布时间'), dataIndex: 'createdAt', width: 150, render: dateTime },
    { title: t('浏览'), dataIndex: 'views', width: 80, align: 'right' },
    { title: t('商品点击'), dataIndex: 'productClicks', width: 90, align: 'right' },
    { title: t('点赞'), dataIndex: 'likes', width: 70, align: 'right' },
    { title: t('评论'), dataIndex: 'comments', width: 70, align: 'right' },
    { title: t('成交订单'), dataIndex: 'orders', width: 90, align: 'right' },
    { title: 'GMV', dataIndex: 'gmv', width: 110, align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('佣金'),
      dataIndex: 'commission',
      width: 130,
      align: 'right',
      render: (v: number, r) => (
        <span title={t('已结算 {n}', { n: yuan(r.commissionSettled) })}>
          {yuan(v)}
          {v > 0 && r.commissionSettled < v && (
            <div style={{ fontSize: 12, color: '#999' }}>{t('待结算 {n}', { n: yuan(v - r.commissionSettled) })}</div>
          )}
        </span>
      ),
    },
  ];
  const orderColumns: TableColumnsType<OrderRow> = [
    { title: t('下单时间'), dataIndex: 'orderedAt', width: 150, render: dateTime },
    { title: t('商品'), dataIndex: 'productTitle' },
    { title: t('来源笔记'), dataIndex: 'postTitle', render: (s: string | null) => s ?? '—' },
    {
      title: t('渠道'),
      dataIndex: 'source',
      width: 90,
      render: (s: string) => (s === 'share' ? t('分享') : s === 'affiliate' ? t('推广链接') : t('笔记')),
    },
    { title: t('金额'), dataIndex: 'payAmount', width: 100, align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('状态'),
      dataIndex: 'status',
      width: 110,
      render: (s: OrderRow['status']) => <Tag color={s === 'paid' ? 'green' : 'default'}>{status[s]}</Tag>,
    },
  ];
  const top = [...posts].sort((a, b) => b.gmv - a.gmv).slice(0, 8);
  return (
    <>
      <PageHeader
        title={t('创作者中心')}
        subtitle={t(
          '订单与 GMV 按末次触点归因到笔记（7 天内）；已取消或全额退款的订单不计入。佣金为你在这些订单上的推广佣金（已扣除退款冲回）。',
        )}
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {[
          { title: t('笔记'), value: totals.posts },
          { title: t('浏览'), value: totals.views },
          { title: t('商品点击'), value: totals.productClicks },
          { title: t('成交订单'), value: totals.orders, testId: 'creator-orders' },
          { title: t('带货 GMV'), value: yuan(totals.gmv) },
          { title: t('佣金'), value: yuan(totals.commission), testId: 'creator-commission' },
        ].map((s) => (
          <Col key={s.title} flex="1 1 0">
            <Card size="small" data-testid={s.testId}>
              <Statistic title={s.title} value={s.value} />
            </Card>
          </Col>
        ))}
      </Row>
      {top.some((p) => p.gmv > 0) && (
        <Card size="small" title={t('笔记带货 GMV')} style={{ marginBottom: 16 }}>
          <Chart
            height={220}
            option={{
              grid: { left: 60, right: 20, top: 10, bottom: 30 },
              xAxis: {
                type: 'category',
                data: top.map((p) => (p.title.length > 8 ? `${p.title.slice(0, 8)}…` : p.title)),
              },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${v / 100}` } },
              series: [{ type: 'bar', data: top.map((p) => p.gmv), itemStyle: { color: '#d6291f' } }],
            }}
            label={t('笔记带货 GMV')}
          />
        </Card>
      )}
      <Card size="small" title={t('笔记数据')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          columns={postColumns}
          dataSource={posts}
          pagination={false}
          locale={{ emptyText: <Empty description={t('还没有发布笔记')} /> }}
        />
      </Card>
      <Card size="small" title={t('最近归因订单')}>
        <Table
          rowKey="lineId"
          columns={orderColumns}
          dataSource={recentOrders}
          pagination={false}
          locale={{ emptyText: <Empty description={t('还没有通过你的笔记成交的订单')} /> }}
          data-testid="creator-orders-table"
        />
      </Card>
    </>
  );
}
