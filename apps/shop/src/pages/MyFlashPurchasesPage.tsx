import { Button, PullToRefresh } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { useMyFlashPurchases, type MyFlashPurchase } from '../api/flash.ts';
import { FlashCountdown, useServerNow } from '../components/FlashCountdown.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { PURCHASE_STATUS, shownStatus } from './flash/MyFlashRecords.tsx';
import './flash/flash.css';

/** 我的秒杀: every flash purchase of the shopper, newest first, with what to do next (pay, or see the order). */
export default function MyFlashPurchasesPage() {
  const t = useT();
  const list = useMyFlashPurchases();
  const now = useServerNow();
  return (
    <div className="page">
      <PageHeader title={t('我的秒杀')} backTo="/me" />
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        {list.isPending ? (
          <ListSkeleton rows={3} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <EmptyState title={t('还没有抢到过秒杀商品')}>
            <Link to="/flash" className="link-more">
              {t('去秒杀频道看看')} ›
            </Link>
          </EmptyState>
        ) : (
          <ul className="plain-list" data-testid="my-flash-list">
            {list.data.map((p) => (
              <li key={p.purchaseId}>
                <PurchaseCard purchase={p} now={now} />
              </li>
            ))}
          </ul>
        )}
        {list.data && list.data.length >= 50 && <p className="muted flash-list-note">{t('只显示最近 50 条')}</p>}
      </PullToRefresh>
    </div>
  );
}

function PurchaseCard({ purchase: p, now }: { purchase: MyFlashPurchase; now: number }) {
  const t = useT();
  const navigate = useNavigate();
  const status = shownStatus(p, now);
  return (
    <article className="card flash-mine-card" data-testid="my-flash-card">
      <Link to={`/flash/${p.itemId}`} className="row flash-mine-main">
        {p.imageUrl ? (
          <img className="flash-mine-thumb" src={p.imageUrl} alt="" loading="lazy" />
        ) : (
          <span className="flash-mine-thumb" />
        )}
        <span className="grow">
          <span className="clamp-2 flash-mine-title">{p.title}</span>
          <span className="muted">
            {t('{n} 件', { n: p.qty })} · {t('实付')} <Price fen={p.payAmount} size={13} />
          </span>
        </span>
        <span className={`flash-status tone-${PURCHASE_STATUS[status].tone}`} data-testid="my-flash-status">
          {t(PURCHASE_STATUS[status].label)}
        </span>
      </Link>
      {status === 'reserved' ? (
        <div className="row-between flash-mine-foot">
          <span className="muted">
            {t('剩余付款时间')} <FlashCountdown until={p.payDeadline} now={now} className="small" />
          </span>
          <Button size="small" shape="rounded" color="primary" onClick={() => void navigate(`/pay/${p.checkoutId}`)}>
            {t('去支付')}
          </Button>
        </div>
      ) : status === 'paid' ? (
        <div className="row-between flash-mine-foot">
          <span className="muted">{t('已付款，物流进度见订单详情')}</span>
          <Button size="small" shape="rounded" onClick={() => void navigate(`/orders/${p.orderId}`)}>
            {t('查看订单')}
          </Button>
        </div>
      ) : (
        <p className="muted flash-mine-foot">
          {status === 'expired' ? t('超时未付款，名额已释放') : t('订单已取消，名额已释放')}
        </p>
      )}
    </article>
  );
}
