import { Button, InfiniteScroll, Tabs, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  absoluteUrl,
  type Commission,
  copyText,
  useCommissions,
  useEarnings,
  useMyLinks,
  useWithdrawals,
  type Withdrawal,
} from '../api/distribution.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { WithdrawSheet } from '../components/WithdrawSheet.tsx';
import { type MessageKey, useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Distribution.css';

const COMMISSION_STATUS: Record<Commission['status'], MessageKey> = {
  pending: '待结算',
  settled: '已结算',
  reversed: '已退回',
};
const WITHDRAWAL_STATUS: Record<Withdrawal['status'], MessageKey> = {
  processing: '打款中',
  paid: '已到账',
  failed: '失败已退回',
};

/** The last three months in Beijing time, newest first: 2026-11, 2026-10, 2026-09. */
function recentMonths(): string[] {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return [0, 1, 2].map((back) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** 推广中心: earnings from the ledger, withdrawals, commission details, my links and monthly statements. */
export default function PromoterPage() {
  const t = useT();
  const earnings = useEarnings();
  const [withdrawing, setWithdrawing] = useState(false);
  return (
    <div className="page dist-page">
      <PageHeader title={t('推广中心')} backTo="/me" />
      {earnings.isPending ? (
        <ListSkeleton rows={2} />
      ) : earnings.isError ? (
        <QueryError error={earnings.error} onRetry={() => void earnings.refetch()} />
      ) : (
        <section className="card dist-hero" aria-labelledby="earn-title">
          <h2 id="earn-title" className="muted" style={{ margin: 0 }}>
            {t('可提现（元）')}
          </h2>
          <p className="dist-balance" data-testid="earnings-available">
            {yuan(earnings.data.available)}
          </p>
          <ul className="dist-stats">
            <li>
              <strong data-testid="earnings-pending">{yuan(earnings.data.pending)}</strong>
              <span>{t('待结算')}</span>
            </li>
            <li>
              <strong>{yuan(earnings.data.reversed)}</strong>
              <span>{t('退款退回')}</span>
            </li>
            <li>
              <strong>{yuan(earnings.data.withdrawn)}</strong>
              <span>{t('已提现')}</span>
            </li>
          </ul>
          <div className="row dist-actions">
            <Button
              color="primary"
              shape="rounded"
              disabled={earnings.data.available < earnings.data.minWithdrawal}
              onClick={() => setWithdrawing(true)}
              data-testid="withdraw-open"
            >
              {t('提现')}
            </Button>
            <Link to="/me/invite" className="link-more">
              {t('邀请好友赚奖励')} ›
            </Link>
          </div>
          <p className="muted">
            {t('佣金在订单确认收货并超过 7 天退货期后结算；发生退款时按比例退回。')}
            {earnings.data.withdrawing > 0 ? ` ${t('打款中 ¥{n}', { n: yuan(earnings.data.withdrawing) })}` : ''}
          </p>
          <p className="muted">
            {t('月度对账单：')}
            {recentMonths().map((m) => (
              <a key={m} href={`/api/v1/me/statements/${m}`} download className="dist-month">
                {m}{' '}
              </a>
            ))}
          </p>
          <WithdrawSheet
            open={withdrawing}
            onClose={() => setWithdrawing(false)}
            available={earnings.data.available}
            minimum={earnings.data.minWithdrawal}
          />
        </section>
      )}
      <Tabs className="card" style={{ padding: 0 }}>
        <Tabs.Tab title={t('佣金明细')} key="commissions">
          <CommissionList />
        </Tabs.Tab>
        <Tabs.Tab title={t('推广链接')} key="links">
          <LinkList />
        </Tabs.Tab>
        <Tabs.Tab title={t('提现记录')} key="withdrawals">
          <WithdrawalList />
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

function CommissionList() {
  const t = useT();
  const fmt = useFormatTime();
  const list = useCommissions();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <ListSkeleton rows={3} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0)
    return (
      <EmptyState
        title={t('还没有佣金')}
        description={t('在商品页点「分享赚」生成链接，好友通过链接购买后这里会有记录')}
      />
    );
  return (
    <>
      <ul className="plain-list dist-list" data-testid="commission-list">
        {items.map((c) => (
          <li key={c.id} className="row-between dist-row">
            <div className="grow">
              <p className="ellipsis">{c.productTitle}</p>
              <p className="muted">
                {c.level === 1 ? t('推广佣金') : t('二级佣金')} · {(c.rateBp / 100).toFixed(1)}% · {fmt(c.createdAt)}
              </p>
            </div>
            <div className="dist-right">
              <span className={`tag ${c.status === 'settled' ? 'brand' : c.status === 'pending' ? 'warn' : 'gray'}`}>
                {t(COMMISSION_STATUS[c.status])}
              </span>
              <p className="dist-amount">¥{yuan(c.amount - c.reversedAmount)}</p>
              {c.reversedAmount > 0 && <p className="muted">{t('已退回 ¥{n}', { n: yuan(c.reversedAmount) })}</p>}
            </div>
          </li>
        ))}
      </ul>
      <InfiniteScroll
        loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
        hasMore={list.hasNextPage}
      />
    </>
  );
}

function LinkList() {
  const t = useT();
  const list = useMyLinks();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <ListSkeleton rows={3} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0)
    return <EmptyState title={t('还没有推广链接')} description={t('在商品页点「分享赚」即可生成')} />;
  return (
    <>
      <ul className="plain-list dist-list">
        {items.map((l) => (
          <li key={l.code} className="row dist-row dist-link-row">
            {l.product?.imageUrl && <img src={l.product.imageUrl} alt="" />}
            <div className="grow">
              <Link to={`/product/${l.productId}`} className="ellipsis" style={{ display: 'block' }}>
                {l.product?.title ?? t('商品已下架')}
              </Link>
              <p className="muted">
                {t('佣金 {rate}% · 每件约赚 ¥{n}', {
                  rate: (l.rateBp / 100).toFixed(1),
                  n: yuan(l.estimatedCommission),
                })}
              </p>
            </div>
            <Button
              size="mini"
              onClick={() =>
                void copyText(absoluteUrl(l.path)).then((ok) =>
                  Toast.show({ content: ok ? t('已复制') : t('复制失败，请长按手动复制') }),
                )
              }
            >
              {t('复制链接')}
            </Button>
          </li>
        ))}
      </ul>
      <InfiniteScroll
        loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
        hasMore={list.hasNextPage}
      />
    </>
  );
}

function WithdrawalList() {
  const t = useT();
  const fmt = useFormatTime();
  const list = useWithdrawals();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <ListSkeleton rows={3} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0) return <EmptyState title={t('还没有提现记录')} />;
  return (
    <>
      <ul className="plain-list dist-list" data-testid="withdrawal-list">
        {items.map((w) => (
          <li key={w.id} className="row-between dist-row">
            <div>
              <p>{t('提现到 {account}', { account: w.maskedAccount })}</p>
              <p className="muted">
                {fmt(w.requestedAt)}
                {w.withheld > 0 ? ` · ${t('代扣个税 ¥{n}', { n: yuan(w.withheld) })}` : ''}
              </p>
              {w.failureReason && <p className="muted">{w.failureReason}</p>}
            </div>
            <div className="dist-right">
              <span className={`tag ${w.status === 'paid' ? 'brand' : w.status === 'processing' ? 'warn' : 'gray'}`}>
                {t(WITHDRAWAL_STATUS[w.status])}
              </span>
              <p className="dist-amount">¥{yuan(w.net)}</p>
            </div>
          </li>
        ))}
      </ul>
      <InfiniteScroll
        loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
        hasMore={list.hasNextPage}
      />
    </>
  );
}
