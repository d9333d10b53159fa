import type { UseQueryResult } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Table,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { OrderDetail, OrderLine } from '../../api/types.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { DetailHeader, DetailPending } from '../../components/DetailHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { ORDER_STATUS } from './labels.ts';
import { ShipHoldNotice, ShipHoldTag } from './ShipHold.tsx';

interface Props {
  query: UseQueryResult<OrderDetail>;
  backTo: string;
  actions?: (order: OrderDetail) => ReactNode;
  afterSalesLink?: string;
  /** Shown as 订单来源 in the order's facts (merchant views). */
  source?: ReactNode;
  /** Replaces the recipient's phone (the platform's masked phone with its 查看完整号码 action). */
  phone?: (order: OrderDetail) => ReactNode;
}

export function OrderDetailView({ query, backTo, actions, afterSalesLink, source, phone }: Props) {
  const t = useT();
  const back = { to: backTo, label: t('返回列表') };
  if (!query.isSuccess) return <DetailPending back={back} error={query.error} onRetry={() => void query.refetch()} />;
  const o = query.data;
  const lineColumns: TableColumnsType<OrderLine> = [
    {
      title: t('商品'),
      key: 'title',
      render: (_, l) => (
        <Space>
          {l.imageUrl ? (
            <img src={l.imageUrl} alt="" width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} />
          ) : null}
          <div className="cell-wrap" style={{ minWidth: 200 }}>
            <div>{l.title}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.specText}
            </Typography.Text>
          </div>
        </Space>
      ),
    },
    { title: t('单价'), key: 'unitPrice', align: 'right', render: (_, l) => yuan(l.unitPrice) },
    { title: t('数量'), dataIndex: 'qty', key: 'qty', align: 'right' },
    {
      title: t('优惠'),
      key: 'discount',
      align: 'right',
      render: (_, l) => (l.discountAmount > 0 ? `-${yuan(l.discountAmount)}` : '—'),
    },
    { title: t('实付'), key: 'payAmount', align: 'right', render: (_, l) => yuan(l.payAmount) },
    {
      title: t('已退款'),
      key: 'refunded',
      align: 'right',
      render: (_, l) =>
        l.refundedAmount > 0 ? t('{qty} 件 · {amount}', { qty: l.refundedQty, amount: yuan(l.refundedAmount) }) : '—',
    },
  ];

  return (
    <>
      <DetailHeader
        back={back}
        title={t('订单详情')}
        status={
          <>
            <StatusTag color={ORDER_STATUS[o.status].color} testId="order-detail-status">
              {t(ORDER_STATUS[o.status].label)}
            </StatusTag>
            <ShipHoldTag order={o} />
          </>
        }
        subtitle={
          <Typography.Text copyable={{ text: o.orderNo }}>{t('订单号 {id}', { id: o.orderNo })}</Typography.Text>
        }
        extra={actions?.(o)}
      />
      <ShipHoldNotice order={o} />
      {o.openAfterSales > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('这笔订单有 {n} 个售后申请尚未结束', { n: o.openAfterSales })}
          action={afterSalesLink ? <Link to={afterSalesLink}>{t('去处理')}</Link> : undefined}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('商品')} size="small">
              <Table<OrderLine>
                rowKey="id"
                size="small"
                columns={lineColumns}
                dataSource={o.lines}
                pagination={false}
                scroll={{ x: 640 }}
              />
              <Descriptions column={1} size="small" style={{ marginTop: 16, maxWidth: 360, marginLeft: 'auto' }}>
                <Descriptions.Item label={t('商品金额')}>{yuan(o.itemsAmount)}</Descriptions.Item>
                {o.discounts.map((d, i) => (
                  <Descriptions.Item key={i} label={d.label}>
                    -{yuan(d.amount)}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('运费')}>{yuan(o.shippingFee)}</Descriptions.Item>
                <Descriptions.Item label={t('实付')}>
                  <Typography.Text strong>{yuan(o.payAmount)}</Typography.Text>
                </Descriptions.Item>
                {o.refundedAmount > 0 ? (
                  <Descriptions.Item label={t('已退款')}>{yuan(o.refundedAmount)}</Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
            <Card title={t('订单信息')} size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('买家')}>
                  <Typography.Text code>{o.userId}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('商家')}>{o.merchantName}</Descriptions.Item>
                {source !== undefined ? <Descriptions.Item label={t('订单来源')}>{source}</Descriptions.Item> : null}
                <Descriptions.Item label={t('下单时间')}>{dateTime(o.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('付款时间')}>{dateTime(o.paidAt)}</Descriptions.Item>
                <Descriptions.Item label={t('发货时间')}>{dateTime(o.shippedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('收货时间')}>{dateTime(o.deliveredAt)}</Descriptions.Item>
                {o.autoConfirmAt ? (
                  <Descriptions.Item label={t('自动确认收货')}>{dateTime(o.autoConfirmAt)}</Descriptions.Item>
                ) : null}
                {o.completedAt ? (
                  <Descriptions.Item label={t('完成时间')}>{dateTime(o.completedAt)}</Descriptions.Item>
                ) : null}
                {o.cancelledAt ? (
                  <Descriptions.Item label={t('取消时间')}>{dateTime(o.cancelledAt)}</Descriptions.Item>
                ) : null}
                {o.cancelReason ? <Descriptions.Item label={t('取消原因')}>{o.cancelReason}</Descriptions.Item> : null}
                {o.closedAt ? (
                  <Descriptions.Item label={t('关闭时间')}>{dateTime(o.closedAt)}</Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('买家留言')}>{o.note || '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('收货信息')} size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('收货人')}>{o.address.recipient}</Descriptions.Item>
                <Descriptions.Item label={t('手机号')}>{phone ? phone(o) : o.address.phone}</Descriptions.Item>
                <Descriptions.Item label={t('地址')}>
                  {o.address.province} {o.address.city} {o.address.district} {o.address.detail}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('订单进度')} size="small" data-testid="order-timeline">
              {o.timeline.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无记录')} />
              ) : (
                <Timeline
                  items={[...o.timeline].reverse().map((e, i) => ({
                    key: `${e.type}-${e.at}-${i}`,
                    color: i === 0 ? 'red' : 'gray',
                    title: dateTime(e.at),
                    content: e.label,
                  }))}
                />
              )}
            </Card>
            {o.logistics ? (
              <Card title={t('物流')} size="small">
                <Typography.Paragraph>
                  {o.logistics.carrier} <Typography.Text copyable>{o.logistics.trackingNo}</Typography.Text>
                </Typography.Paragraph>
                <Alert type="info" showIcon title={o.logistics.notice} style={{ marginBottom: 12 }} />
                <Timeline
                  items={o.logistics.nodes.map((n, i) => ({ key: i, title: dateTime(n.at), content: n.text }))}
                />
              </Card>
            ) : null}
          </Space>
        </Col>
      </Row>
    </>
  );
}
