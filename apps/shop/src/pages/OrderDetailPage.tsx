import { useQuery } from '@tanstack/react-query';
import { ActionSheet, Button, Dialog, PullToRefresh, Steps, Toast } from 'antd-mobile';
import { EnvironmentOutline, TruckOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAddresses, type Address } from '../api/addresses.ts';
import { ApiError, api, must, problemTitle } from '../api/client.ts';
import { useMyReviewsByLine, useOrder, useOrderActions, type OrderDetail, type OrderLine } from '../api/orders.ts';
import { AddressPicker } from '../components/AddressPicker.tsx';
import { ConfirmReceiptButton } from '../components/ConfirmReceiptButton.tsx';
import { ContactService } from '../components/ContactService.tsx';
import { FamilyPaidBy } from '../components/FamilyPaidBy.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import { yuan } from '../lib/money.ts';
import { OrderAuthentication } from './OrderAuthentication.tsx';
import { OrderCharity } from './OrderCharity.tsx';
import { OrderVoucher } from './OrderVoucher.tsx';
import './OrderDetailPage.css';
import './OrderListPage.css';

const AFTER_SALE_STATUSES = new Set(['paid', 'shipped', 'delivered']);
/** The server decides (it refuses once shipped); the page only offers the action while it can succeed. */
const ADDRESS_CHANGEABLE = new Set(['pending_payment', 'paid']);

const sameAddress = (a: Address, o: OrderDetail['address']) =>
  a.recipient === o.recipient &&
  a.phone === o.phone &&
  a.province === o.province &&
  a.city === o.city &&
  a.district === o.district &&
  a.detail === o.detail;

export default function OrderDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const order = useOrder(id);
  return (
    <div className="page with-action-bar order-detail-page">
      <PageHeader title={t('订单详情')} backTo="/orders" />
      {order.isPending ? (
        <ListSkeleton rows={3} />
      ) : order.isError ? (
        <QueryError error={order.error} onRetry={() => void order.refetch()} />
      ) : (
        <PullToRefresh onRefresh={async () => void (await order.refetch())}>
          <OrderView order={order.data} />
        </PullToRefresh>
      )}
    </div>
  );
}

function StatusHint({ o }: { o: OrderDetail }) {
  const t = useT();
  const fmt = useFormatTime();
  switch (o.status) {
    case 'pending_payment':
      return <>{t('请在 {time} 前完成支付，超时订单将自动取消', { time: fmt(o.payDeadline) })}</>;
    case 'paid':
      return o.campaignKind === 'voucher' ? (
        <>{t('到店出示券码即可使用，无需发货')}</>
      ) : (
        <>{t('商家正在备货，发货后可在这里查看物流')}</>
      );
    case 'shipped':
      return (
        <>
          {o.autoConfirmAt ? t('商品已发出；{time} 后将自动确认收货', { time: fmt(o.autoConfirmAt) }) : t('商品已发出')}
        </>
      );
    case 'delivered':
      return <>{t('已确认收货，欢迎评价晒单')}</>;
    case 'completed':
      return <>{t('交易已完成')}</>;
    case 'cancelled':
      return <>{o.cancelReason ? t('订单已取消：{reason}', { reason: o.cancelReason }) : t('订单已取消')}</>;
    case 'closed':
      return <>{t('已全额退款，交易关闭')}</>;
  }
}

function OrderView({ order: o }: { order: OrderDetail }) {
  const t = useT();
  const fmt = useFormatTime();
  const navigate = useNavigate();
  const { cancel, changeAddress } = useOrderActions();
  const [allNodes, setAllNodes] = useState(false);
  const [pickingAddress, setPickingAddress] = useState(false);
  const addresses = useAddresses(pickingAddress);
  const currentAddressId = addresses.data?.find((a) => sameAddress(a, o.address))?.id;
  const closePicker = () => {
    setPickingAddress(false);
    changeAddress.reset();
  };
  const pickAddress = (a: Address) => {
    if (sameAddress(a, o.address)) return closePicker();
    changeAddress.mutate(
      { id: o.id, addressId: a.id },
      {
        onSuccess: () => {
          closePicker();
          Toast.show({ icon: 'success', content: t('地址已修改') });
        },
      },
    );
  };
  const refusal = changeAddress.error;
  const reviewable = o.status === 'delivered' || o.status === 'completed';
  const myReviews = useMyReviewsByLine(reviewable);
  const refunds = useQuery({
    queryKey: ['orders', 'refunds', o.id],
    queryFn: () => must(api.GET('/api/v1/orders/{id}/refunds', { params: { path: { id: o.id } } })),
    enabled: o.refundedAmount > 0 || o.openAfterSales > 0,
  });

  const lineActions = (l: OrderLine) => {
    const actions: React.ReactNode[] = [];
    if (AFTER_SALE_STATUSES.has(o.status) && l.refundedQty < l.qty) {
      actions.push(
        <Link
          key="as"
          to={`/orders/${o.id}/after-sale?lineId=${encodeURIComponent(l.id)}`}
          className="line-action"
          data-testid="line-after-sale"
        >
          {t('申请售后')}
        </Link>,
      );
    }
    if (reviewable && myReviews.data) {
      const mine = myReviews.data.get(l.id);
      if (!mine) {
        actions.push(
          <Link
            key="rv"
            to={`/orders/${o.id}/review/${l.id}`}
            className="line-action primary"
            data-testid="line-review"
          >
            {t('评价')}
          </Link>,
        );
      } else if (mine.canFollowUp) {
        actions.push(
          <Link
            key="fu"
            to={`/orders/${o.id}/review/${l.id}?followUp=${encodeURIComponent(mine.id)}`}
            className="line-action"
            data-testid="line-follow-up"
          >
            {t('追评')}
          </Link>,
        );
      } else {
        actions.push(
          <span key="done" className="muted">
            {t('已评价')}
          </span>,
        );
      }
    }
    return actions;
  };

  const nodes = o.logistics?.nodes ?? [];
  return (
    <>
      <section className="order-banner" data-testid="order-detail-status">
        <h2 data-testid="order-status">
          {o.campaignKind === 'voucher' && o.status === 'paid' ? t('待使用') : o.statusLabel}
        </h2>
        <p>
          <StatusHint o={o} />
        </p>
      </section>

      {o.logistics && (
        <section className="card" aria-labelledby="logistics-title" data-testid="logistics">
          <div className="row">
            <TruckOutline className="order-card-icon" aria-hidden />
            <div className="grow">
              <h2 id="logistics-title" className="section-title" style={{ margin: 0 }}>
                {o.logistics.carrier} {o.logistics.trackingNo}
              </h2>
              {nodes[0] && (
                <p className="logistics-latest">
                  {nodes[0].text}
                  <span className="muted"> · {fmt(nodes[0].at)}</span>
                </p>
              )}
            </div>
          </div>
          {nodes.length > 1 && (
            <>
              {allNodes && (
                <Steps direction="vertical" current={0} className="logistics-steps">
                  {nodes.map((n, i) => (
                    <Steps.Step
                      key={`${n.at}-${i}`}
                      title={n.text}
                      description={fmt(n.at)}
                      status={i === 0 ? 'process' : 'wait'}
                    />
                  ))}
                </Steps>
              )}
              <button
                type="button"
                className="text-button"
                onClick={() => setAllNodes((v) => !v)}
                aria-expanded={allNodes}
              >
                {allNodes ? t('收起物流轨迹') : t('查看全部物流轨迹（{n}）', { n: nodes.length })}
              </button>
            </>
          )}
          <p className="muted logistics-notice">{o.logistics.notice}</p>
        </section>
      )}

      <OrderVoucher o={o} />
      <OrderAuthentication o={o} />

      <section className="card row" aria-label={t('收货地址')}>
        <EnvironmentOutline className="order-card-icon" aria-hidden />
        <div className="grow">
          <p className="order-address-who">
            {o.address.recipient} <span>{maskPhone(o.address.phone)}</span>
          </p>
          <p className="order-address-text">
            {[
              o.address.province,
              o.address.city === o.address.province ? '' : o.address.city,
              o.address.district,
              o.address.detail,
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
        </div>
        {ADDRESS_CHANGEABLE.has(o.status) && o.campaignKind !== 'voucher' && (
          <Button
            size="mini"
            shape="rounded"
            className="order-address-change"
            onClick={() => setPickingAddress(true)}
            data-testid="order-change-address"
          >
            {t('修改地址')}
          </Button>
        )}
      </section>

      <AddressPicker
        visible={pickingAddress}
        onClose={closePicker}
        selectedId={currentAddressId}
        onPick={pickAddress}
        title={t('修改收货地址')}
        busy={changeAddress.isPending}
        notice={
          refusal ? (
            <p className="order-address-refusal" role="alert" data-testid="order-address-error">
              <strong>{problemTitle(refusal)}</strong>
              {refusal instanceof ApiError && refusal.problem.detail ? <span>{refusal.problem.detail}</span> : null}
            </p>
          ) : (
            <p className="muted order-address-hint">
              {t('发货前可改为地址簿中的其他地址；新地址运费不同时无法修改。')}
            </p>
          )
        }
      />

      <section className="card" aria-label={t('商品')}>
        <Link to={`/merchant/${o.merchantId}`} className="order-merchant">
          {o.campaignKind === 'flash_sale' && <span className="tag brand order-kind">{t('秒杀')}</span>}
          {o.campaignKind === 'voucher' && <span className="tag brand order-kind">{t('团购券')}</span>}
          {o.merchantName} ›
        </Link>
        <ul className="plain-list">
          {o.lines.map((l) => {
            const actions = lineActions(l);
            return (
              <li key={l.id} className="order-detail-line" data-testid="order-line">
                <Link to={`/product/${l.productId}`} className="order-line">
                  <span className="order-thumb">
                    {l.imageUrl ? <img src={l.imageUrl} alt="" loading="lazy" /> : null}
                  </span>
                  <span className="grow">
                    <span className="order-line-title clamp-2">{l.title}</span>
                    <span className="muted">{l.specText}</span>
                    {l.refundedQty > 0 && (
                      <span className="muted">
                        {t('已退 {n} 件 · ¥{x}', { n: l.refundedQty, x: yuan(l.refundedAmount) })}
                      </span>
                    )}
                  </span>
                  <span className="order-line-amount">
                    <Price fen={l.unitPrice} size={13} />
                    <span className="muted">×{l.qty}</span>
                  </span>
                </Link>
                {actions.length > 0 && <div className="line-actions">{actions}</div>}
              </li>
            );
          })}
        </ul>
        <dl className="money-list">
          <div>
            <dt>{t('商品金额')}</dt>
            <dd>¥{yuan(o.itemsAmount)}</dd>
          </div>
          {o.discounts.map((d, i) => (
            <div key={`${d.source}-${i}`}>
              <dt>{d.label}</dt>
              <dd className="minus">-¥{yuan(d.amount)}</dd>
            </div>
          ))}
          <div>
            <dt>{t('运费')}</dt>
            <dd>{o.shippingFee === 0 ? t('免运费') : `¥${yuan(o.shippingFee)}`}</dd>
          </div>
          <div className="money-total">
            <dt>{o.status === 'pending_payment' ? t('需付款') : t('实付款')}</dt>
            <dd>
              <Price fen={o.payAmount} size={17} />
            </dd>
          </div>
          {o.refundedAmount > 0 && (
            <div>
              <dt>{t('已退款')}</dt>
              <dd>¥{yuan(o.refundedAmount)}</dd>
            </div>
          )}
        </dl>
      </section>

      {refunds.data && refunds.data.items.length > 0 && (
        <section className="card" aria-labelledby="refunds-title">
          <h2 id="refunds-title">{t('退款记录')}</h2>
          <ul className="plain-list">
            {refunds.data.items.map((r) => (
              <li key={r.refundId} className="row-between refund-row">
                <span>
                  {r.reason}
                  <span className="muted"> · {fmt(r.requestedAt)}</span>
                </span>
                <span>
                  ¥{yuan(r.amount)}{' '}
                  <span className="muted">{r.status === 'completed' ? t('已到账') : t('处理中')}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <OrderCharity o={o} />

      <section className="card" aria-labelledby="info-title">
        <h2 id="info-title">{t('订单信息')}</h2>
        <dl className="info-list">
          <div>
            <dt>{t('订单编号')}</dt>
            <dd>{o.orderNo}</dd>
          </div>
          <div>
            <dt>{t('下单时间')}</dt>
            <dd>{fmt(o.createdAt)}</dd>
          </div>
          {o.paidAt && (
            <div>
              <dt>{t('付款时间')}</dt>
              <dd>{fmt(o.paidAt)}</dd>
            </div>
          )}
          {o.paidAt && <FamilyPaidBy checkoutId={o.checkoutId} />}
          {o.shippedAt && (
            <div>
              <dt>{t('发货时间')}</dt>
              <dd>{fmt(o.shippedAt)}</dd>
            </div>
          )}
          {o.deliveredAt && (
            <div>
              <dt>{t('收货时间')}</dt>
              <dd>{fmt(o.deliveredAt)}</dd>
            </div>
          )}
          {o.note && (
            <div>
              <dt>{t('订单备注')}</dt>
              <dd>{o.note}</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('订单进度')}</h2>
        <Steps direction="vertical" current={o.timeline.length - 1} data-testid="order-timeline">
          {o.timeline.map((e, i) => (
            <Steps.Step key={`${e.type}-${e.at}-${i}`} title={e.label} description={fmt(e.at)} status="finish" />
          ))}
        </Steps>
      </section>

      <div className="action-bar order-detail-actions">
        {o.openAfterSales > 0 && (
          <Button size="small" shape="rounded" onClick={() => void navigate('/orders?tab=after_sale')}>
            {t('售后进度')}
          </Button>
        )}
        {['paid', 'shipped', 'delivered', 'completed'].includes(o.status) && (
          // 投诉 and 先行赔付 are rarer than the buttons beside them: one 更多 keeps the bar on one line at 390 px.
          <Button
            size="small"
            shape="rounded"
            data-testid="order-more"
            onClick={() => {
              ActionSheet.show({
                cancelText: t('取消'),
                closeOnAction: true,
                actions: [
                  {
                    key: 'complaint',
                    text: <span data-testid="order-complain">{t('投诉')}</span>,
                    onClick: () => void navigate(`/orders/${o.id}/complaint`),
                  },
                  {
                    key: 'claim',
                    text: <span data-testid="order-claim">{t('申请先行赔付')}</span>,
                    onClick: () => void navigate(`/orders/${o.id}/compensation`),
                  },
                ],
              });
            }}
          >
            {t('更多')}
          </Button>
        )}
        <ContactService subject={{ source: 'order', orderId: o.id }} size="middle" />
        <span className="grow" />
        {o.status === 'pending_payment' && (
          <>
            <Button
              shape="rounded"
              loading={cancel.isPending}
              onClick={() =>
                void Dialog.confirm({
                  content: t('确定取消这个订单吗？'),
                  confirmText: t('取消订单'),
                  cancelText: t('再想想'),
                }).then((yes) => {
                  if (yes) cancel.mutate(o.id, { onSuccess: () => Toast.show({ content: t('订单已取消') }) });
                })
              }
              data-testid="order-cancel"
            >
              {t('取消订单')}
            </Button>
            <Button
              shape="rounded"
              color="primary"
              onClick={() => void navigate(`/pay/${o.checkoutId}`)}
              data-testid="order-pay"
            >
              {t('去支付')}
            </Button>
          </>
        )}
        {o.status === 'shipped' && <ConfirmReceiptButton orderId={o.id} />}
        {o.status !== 'pending_payment' && o.status !== 'shipped' && (
          <Button shape="rounded" onClick={() => void navigate(`/product/${o.lines[0]?.productId ?? ''}`)}>
            {t('再次购买')}
          </Button>
        )}
      </div>
    </>
  );
}
