import { Button, Dialog, InfiniteScroll, PullToRefresh, Tabs, Toast } from 'antd-mobile';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useOrderActions, useOrderList, type OrderStatus, type OrderSummary } from '../api/orders.ts';
import { ConfirmReceiptButton } from '../components/ConfirmReceiptButton.tsx';
import { AfterSaleList } from '../components/AfterSaleList.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './OrderListPage.css';

const TABS: { key: string; label: MessageKey; statuses: OrderStatus[] | null }[] = [
  { key: 'all', label: '全部', statuses: null },
  { key: 'pending_payment', label: '待付款', statuses: ['pending_payment'] },
  { key: 'paid', label: '待发货', statuses: ['paid'] },
  { key: 'shipped', label: '待收货', statuses: ['shipped'] },
  // Received orders become "completed" only after the return window: both belong under 已完成 for a shopper.
  { key: 'completed', label: '已完成', statuses: ['delivered', 'completed'] },
  { key: 'after_sale', label: '售后', statuses: null },
];

export default function OrderListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x.key === params.get('tab')) ?? TABS[0]!;
  return (
    <div className="page order-list-page">
      <PageHeader title={t('我的订单')} backTo="/me" />
      <Tabs
        activeKey={tab.key}
        onChange={(k) => setParams(k === 'all' ? {} : { tab: k }, { replace: true })}
        className="order-tabs"
      >
        {TABS.map((x) => (
          <Tabs.Tab key={x.key} title={<span data-testid={`order-tab-${x.key}`}>{t(x.label)}</span>} />
        ))}
      </Tabs>
      {tab.key === 'after_sale' ? <AfterSaleList /> : <OrderFeed key={tab.key} statuses={tab.statuses} />}
    </div>
  );
}

function OrderFeed({ statuses }: { statuses: OrderStatus[] | null }) {
  const t = useT();
  const list = useOrderList(statuses);
  const orders = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : orders.length === 0 ? (
        <EmptyState title={t('还没有相关订单')} />
      ) : (
        <ul className="plain-list" data-testid="order-list">
          {orders.map((o) => (
            <li key={o.id}>
              <OrderCard order={o} />
            </li>
          ))}
        </ul>
      )}
      {orders.length > 0 && (
        <InfiniteScroll
          loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
          hasMore={list.hasNextPage}
        />
      )}
    </PullToRefresh>
  );
}

function OrderCard({ order: o }: { order: OrderSummary }) {
  const t = useT();
  const navigate = useNavigate();
  const { cancel } = useOrderActions();
  const units = o.lines.reduce((n, l) => n + l.qty, 0);
  return (
    <article className="card order-card" data-testid="order-card">
      <div className="row-between">
        <Link to={`/merchant/${o.merchantId}`} className="order-merchant">
          {o.campaignKind === 'flash_sale' && <span className="tag brand order-kind">{t('秒杀')}</span>}
          {o.merchantName} ›
        </Link>
        <span className={`order-status status-${o.status}`} data-testid="order-status">
          {o.statusLabel}
        </span>
      </div>
      <div className="order-no" data-testid="order-no">
        {t('订单编号')} {o.orderNo}
      </div>
      {/* The link's name is what it shows, after a hidden 订单详情 (an aria-label that differed from the visible
          text failed axe's label-content-name-mismatch: speech users say what they see). */}
      <Link to={`/orders/${o.id}`} className="order-lines">
        <span className="sr-only">{t('订单详情')}</span>
        {o.lines.map((l) => (
          <span key={l.id} className="order-line">
            <span className="order-thumb">{l.imageUrl ? <img src={l.imageUrl} alt="" loading="lazy" /> : null}</span>
            <span className="grow">
              <span className="order-line-title clamp-2">{l.title}</span>
              <span className="muted">{l.specText}</span>
            </span>
            <span className="order-line-amount">
              <Price fen={l.unitPrice} size={13} />
              <span className="muted">×{l.qty}</span>
            </span>
          </span>
        ))}
      </Link>
      <p className="order-total">
        {t('共 {n} 件', { n: units })} {t('实付')} <Price fen={o.payAmount} size={15} />
        {o.refundedAmount > 0 && <span className="muted"> · {t('已退款 ¥{x}', { x: yuan(o.refundedAmount) })}</span>}
      </p>
      <div className="order-actions">
        {o.status === 'pending_payment' && (
          <>
            <Button
              size="small"
              shape="rounded"
              loading={cancel.isPending && cancel.variables === o.id}
              onClick={() =>
                void Dialog.confirm({
                  content: t('确定取消这个订单吗？'),
                  confirmText: t('取消订单'),
                  cancelText: t('再想想'),
                }).then((yes) => {
                  if (yes) cancel.mutate(o.id, { onSuccess: () => Toast.show({ content: t('订单已取消') }) });
                })
              }
            >
              {t('取消订单')}
            </Button>
            <Button
              size="small"
              shape="rounded"
              color="primary"
              onClick={() => void navigate(`/pay/${o.checkoutId}`)}
              data-testid="order-pay"
            >
              {t('去支付')}
            </Button>
          </>
        )}
        {o.status === 'shipped' && (
          <>
            <Button size="small" shape="rounded" onClick={() => void navigate(`/orders/${o.id}`)}>
              {t('查看物流')}
            </Button>
            <ConfirmReceiptButton orderId={o.id} size="small" />
          </>
        )}
        {(o.status === 'delivered' || o.status === 'completed') && (
          <Button
            size="small"
            shape="rounded"
            color="primary"
            fill="outline"
            onClick={() => void navigate(`/orders/${o.id}`)}
            data-testid="order-review"
          >
            {t('评价晒单')}
          </Button>
        )}
        {o.status !== 'pending_payment' &&
          o.status !== 'shipped' &&
          o.status !== 'delivered' &&
          o.status !== 'completed' && (
            <Button size="small" shape="rounded" onClick={() => void navigate(`/orders/${o.id}`)}>
              {t('查看详情')}
            </Button>
          )}
      </div>
    </article>
  );
}
