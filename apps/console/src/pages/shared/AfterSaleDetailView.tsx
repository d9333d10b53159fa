import type { UseQueryResult } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Row,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import type { AfterSaleDetail } from '../../api/types.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { DetailHeader, DetailPending } from '../../components/DetailHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { DueCountdown } from './DueCountdown.tsx';
import {
  AFTER_SALE_ACTOR,
  AFTER_SALE_REASON,
  AFTER_SALE_TYPE,
  afterSaleStatusOf,
  MERCHANT_ACTION_STATUSES,
} from './labels.ts';

interface Decisions {
  canDecide: boolean;
  canReceive: boolean;
  approve: (note: string | undefined) => Promise<unknown>;
  reject: (reason: string) => Promise<unknown>;
  /** `defective`: an exchange's returned unit is faulty and stays off sale. */
  receive?: (defective: boolean) => Promise<unknown>;
  /** 寄出换货: the merchant's action once an exchange's goods came back. */
  shipReplacement?: ReactNode;
  pending: boolean;
}

interface Props {
  query: UseQueryResult<AfterSaleDetail>;
  backTo: string;
  orderPath: (orderId: string) => string;
  decisions: Decisions;
  perspective: 'merchant' | 'operator';
}

export function AfterSaleDetailView({ query, backTo, orderPath, decisions, perspective }: Props) {
  const t = useT();
  const now = useNow();
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'receive' | null>(null);
  const [approveForm] = Form.useForm<{ note?: string }>();
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [defective, setDefective] = useState(false);

  const back = { to: backTo, label: t('返回列表') };
  if (!query.isSuccess) return <DetailPending back={back} error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  const total = a.amount + a.shippingAmount;
  const close = () => setDialog(null);

  const exchange = a.exchange;
  const status = afterSaleStatusOf(a);
  const approveHint = exchange
    ? t(
        '同意后立即从库存预留「{spec}」× {n}（无库存时无法同意，可拒绝并说明改为退款）；买家寄回后确认收货，再寄出换货。不涉及退款。',
        {
          spec: exchange.specText,
          n: a.qty,
        },
      )
    : a.type === 'refund_only'
      ? t('同意后将向买家退款 {amount}，退款原路返回。', { amount: yuan(total) })
      : a.status === 'escalated' && a.returnShipment
        ? t('买家已寄回商品；同意即视为确认收货，并向买家退款 {amount}。', { amount: yuan(total) })
        : t('同意后买家寄回商品；确认收到退货后退款 {amount}。', { amount: yuan(total) });

  return (
    <>
      <DetailHeader
        back={back}
        title={t('售后详情')}
        status={
          <StatusTag color={status.color} testId="after-sale-detail-status">
            {t(status.label)}
          </StatusTag>
        }
        subtitle={t('申请号 {id}', { id: a.id })}
        extra={
          <>
            {decisions.canDecide ? (
              <>
                <Button danger onClick={() => setDialog('reject')} data-testid="after-sale-reject">
                  {perspective === 'operator' ? t('裁决拒绝') : t('拒绝')}
                </Button>
                <Button type="primary" onClick={() => setDialog('approve')} data-testid="after-sale-approve">
                  {perspective === 'operator' ? t('裁决同意') : t('同意')}
                </Button>
              </>
            ) : null}
            {decisions.canReceive ? (
              <Button type="primary" onClick={() => setDialog('receive')} data-testid="after-sale-receive">
                {t('确认收到退货')}
              </Button>
            ) : null}
            {decisions.shipReplacement}
          </>
        }
      />
      {perspective === 'merchant' && MERCHANT_ACTION_STATUSES.includes(a.status) && a.dueAt ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <Space wrap>
              {a.status === 'requested'
                ? t('请在时限内处理，逾期将转交平台介入')
                : t('请在时限内确认收到退货，逾期将转交平台介入')}
              <DueCountdown dueAt={a.dueAt} now={now} />
            </Space>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('申请信息')} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('订单号')}>
                <Link to={orderPath(a.orderId)}>{a.orderNo}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('申请时间')}>{dateTime(a.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('商品')}>{a.productTitle}</Descriptions.Item>
              <Descriptions.Item label={t('规格')}>{a.specText}</Descriptions.Item>
              <Descriptions.Item label={t('类型')}>{t(AFTER_SALE_TYPE[a.type])}</Descriptions.Item>
              <Descriptions.Item label={t('数量')}>{a.qty}</Descriptions.Item>
              <Descriptions.Item label={t('原因')}>{t(AFTER_SALE_REASON[a.reasonCode])}</Descriptions.Item>
              {exchange ? (
                <Descriptions.Item label={t('换成')}>
                  <span data-testid="exchange-target">
                    <Typography.Text strong>
                      {exchange.specText} × {a.qty}
                    </Typography.Text>
                    {exchange.reserved ? ` ${t('（库存已预留）')}` : ''}
                  </span>
                </Descriptions.Item>
              ) : (
                <Descriptions.Item label={t('退款金额')}>
                  <Typography.Text strong>{yuan(total)}</Typography.Text>
                  {a.shippingAmount > 0 ? ` ${t('（含运费 {amount}）', { amount: yuan(a.shippingAmount) })}` : ''}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('问题描述')} span={2}>
                {a.description || '—'}
              </Descriptions.Item>
              {a.escalatedAt ? (
                <Descriptions.Item label={t('转平台时间')}>{dateTime(a.escalatedAt)}</Descriptions.Item>
              ) : null}
              {a.rejectReason ? <Descriptions.Item label={t('拒绝原因')}>{a.rejectReason}</Descriptions.Item> : null}
              {a.returnShipment ? (
                <Descriptions.Item label={t('退货物流')}>
                  {a.returnShipment.carrier} {a.returnShipment.trackingNo}
                </Descriptions.Item>
              ) : null}
              {exchange && exchange.returnDefective !== null ? (
                <Descriptions.Item label={t('退回商品')}>
                  {exchange.returnDefective ? t('有质量问题，未重新入库') : t('已重新入库')}
                </Descriptions.Item>
              ) : null}
              {exchange?.shipment ? (
                <Descriptions.Item label={t('换货物流')}>
                  {exchange.shipment.carrier} {exchange.shipment.trackingNo} · {dateTime(exchange.shipment.shippedAt)}
                </Descriptions.Item>
              ) : null}
              {exchange?.autoConfirmAt ? (
                <Descriptions.Item label={t('自动确认收货')}>{dateTime(exchange.autoConfirmAt)}</Descriptions.Item>
              ) : null}
              {a.refund ? (
                <Descriptions.Item label={t('退款')}>
                  {yuan(a.refund.amount)} ·{' '}
                  {a.refund.status === 'completed'
                    ? t('已退款 {at}', { at: dateTime(a.refund.completedAt) })
                    : t('退款处理中')}
                </Descriptions.Item>
              ) : null}
              {a.closedAt ? <Descriptions.Item label={t('结束时间')}>{dateTime(a.closedAt)}</Descriptions.Item> : null}
            </Descriptions>
            {a.images.length > 0 ? (
              <>
                <Typography.Title level={2} style={{ fontSize: 14, marginTop: 16 }}>
                  {t('买家凭证')}
                </Typography.Title>
                <Image.PreviewGroup>
                  <Space wrap>
                    {a.images.map((src, i) => (
                      <Image
                        key={src}
                        src={src}
                        width={96}
                        height={96}
                        style={{ objectFit: 'cover' }}
                        alt={t('凭证图片 {n}', { n: i + 1 })}
                      />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              </>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('处理进度')} size="small" data-testid="after-sale-timeline">
            {a.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无记录')} />
            ) : (
              <Timeline
                items={[...a.timeline].reverse().map((e, i) => ({
                  key: `${e.at}-${i}`,
                  color: i === 0 ? 'red' : 'gray',
                  title: `${dateTime(e.at)} · ${t(AFTER_SALE_ACTOR[e.actor])}`,
                  content: (
                    <>
                      {e.action}
                      {e.note ? (
                        <Typography.Text type="secondary" style={{ display: 'block' }}>
                          {e.note}
                        </Typography.Text>
                      ) : null}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Modal
        title={perspective === 'operator' ? t('裁决同意') : t('同意售后申请')}
        open={dialog === 'approve'}
        onCancel={close}
        okText={t('确认同意')}
        confirmLoading={decisions.pending}
        onOk={() => {
          approveForm
            .validateFields()
            .then((v) => decisions.approve(v.note?.trim() || undefined))
            .then(close)
            .catch(() => undefined);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{approveHint}</Typography.Paragraph>
        <Form form={approveForm} layout="vertical">
          <Form.Item name="note" label={t('备注（选填）')} rules={[{ max: 200, message: t('备注最多 200 字') }]}>
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="after-sale-approve-note" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={perspective === 'operator' ? t('裁决拒绝') : t('拒绝售后申请')}
        open={dialog === 'reject'}
        onCancel={close}
        okText={t('确认拒绝')}
        okButtonProps={{ danger: true }}
        confirmLoading={decisions.pending}
        onOk={() => {
          rejectForm
            .validateFields()
            .then((v) => decisions.reject(v.reason.trim()))
            .then(close)
            .catch(() => undefined);
        }}
        destroyOnHidden
      >
        <Form form={rejectForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('拒绝原因')}
            rules={[
              { required: true, whitespace: true, message: t('请填写拒绝原因') },
              { min: 2, message: t('拒绝原因至少 2 个字') },
              { max: 200, message: t('拒绝原因最多 200 字') },
            ]}
            extra={t('拒绝原因会展示给买家。')}
          >
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="after-sale-reject-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={t('确认收到退货')}
        open={dialog === 'receive'}
        onCancel={close}
        okText={exchange ? t('确认收货') : t('确认收货并退款')}
        confirmLoading={decisions.pending}
        onOk={() => {
          decisions
            .receive?.(exchange ? defective : false)
            .then(close)
            .catch(() => undefined);
        }}
      >
        {exchange ? (
          <>
            <Typography.Paragraph>
              {t('确认已收到买家寄回的「{spec}」× {n}？确认后请寄出换货。', { spec: a.specText, n: a.qty })}
            </Typography.Paragraph>
            <Checkbox
              checked={defective}
              onChange={(e) => setDefective(e.target.checked)}
              data-testid="after-sale-defective"
            >
              {t('退回的商品有质量问题，不重新入库')}
            </Checkbox>
          </>
        ) : (
          <Typography.Paragraph>
            {t('确认已收到买家寄回的商品？确认后将立即向买家退款 {amount}，不可撤销。', { amount: yuan(total) })}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
