import { InfiniteScroll, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useCharitySales } from '../api/charity.ts';
import { useCharityLedger } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Points.css';

/**
 * 公益账本 (public): a project's totals from the ledger — points donated and money from charity products — and
 * every donation of each kind, donors masked.
 */
export default function CharityLedgerPage() {
  const t = useT();
  const { id = '' } = useParams();
  const ledger = useCharityLedger(id);
  const sales = useCharitySales(id);
  const [tab, setTab] = useState<'points' | 'money'>('points');
  const project = ledger.data?.pages[0]?.project;
  const money = sales.data?.pages[0];
  return (
    <div className="page">
      <PageHeader title={t('公益账本')} backTo="/charity" />
      {ledger.isPending ? (
        <ListSkeleton rows={5} />
      ) : ledger.isError ? (
        <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : (
        <>
          {project && (
            <section className="card" aria-label={project.title}>
              <h2 style={{ marginBottom: 4 }}>{project.title}</h2>
              <p className="muted" style={{ margin: 0 }}>
                {project.organization}
              </p>
              <dl className="charity-stats">
                <div>
                  <dt>{t('积分募集')}</dt>
                  <dd data-testid="charity-raised">{t('{n} 积分', { n: project.raisedPoints })}</dd>
                  <dd className="muted">{t('约 ¥{yuan}', { yuan: (project.raisedPoints / 100).toFixed(2) })}</dd>
                </div>
                <div>
                  <dt>{t('捐赠笔数')}</dt>
                  <dd>{project.donations}</dd>
                </div>
                <div>
                  <dt>{t('捐赠人数')}</dt>
                  <dd>{project.donors}</dd>
                </div>
              </dl>
              <dl className="charity-stats" data-testid="charity-money">
                <div>
                  <dt>{t('公益商品募集')}</dt>
                  <dd data-testid="charity-raised-money">{money ? `¥${yuan(money.raisedAmount)}` : '—'}</dd>
                </div>
                <div>
                  <dt>{t('捐赠笔数')}</dt>
                  <dd>{money ? money.donations : '—'}</dd>
                </div>
                <div>
                  <dt>{t('购买人数')}</dt>
                  <dd>{money ? money.buyers : '—'}</dd>
                </div>
              </dl>
              <p className="muted" style={{ fontSize: 12, margin: '8px 0 0' }}>
                {t('金额均取自账本；公益商品的捐赠由商家从货款中支付，退款时按比例冲回。')}
              </p>
            </section>
          )}
          <Tabs activeKey={tab} onChange={(k) => setTab(k as 'points' | 'money')}>
            <Tabs.Tab title={t('积分捐赠')} key="points" />
            <Tabs.Tab title={t('公益商品')} key="money" />
          </Tabs>
          {tab === 'points' ? <PointsDonations id={id} /> : <ProductDonations id={id} />}
        </>
      )}
    </div>
  );
}

function PointsDonations({ id }: { id: string }) {
  const t = useT();
  const fmt = useFormatTime();
  const ledger = useCharityLedger(id);
  const items = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return <EmptyState title={t('还没有捐赠记录')} />;
  return (
    <>
      <ul className="points-list card" style={{ padding: '0 12px' }} data-testid="charity-donations">
        {items.map((d) => (
          <li key={d.id}>
            <div className="grow">
              <div>{d.donor}</div>
              <div className="muted">{fmt(d.createdAt)}</div>
            </div>
            <span className="delta plus">{t('{n} 积分', { n: d.points })}</span>
          </li>
        ))}
      </ul>
      <InfiniteScroll loadMore={async () => void (await ledger.fetchNextPage())} hasMore={ledger.hasNextPage} />
    </>
  );
}

function ProductDonations({ id }: { id: string }) {
  const t = useT();
  const fmt = useFormatTime();
  const sales = useCharitySales(id);
  if (sales.isPending) return <ListSkeleton rows={4} />;
  if (sales.isError) return <QueryError error={sales.error} onRetry={() => void sales.refetch()} />;
  const items = sales.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('还没有公益商品捐赠')} />;
  return (
    <>
      <ul className="points-list card" style={{ padding: '0 12px' }} data-testid="charity-sales">
        {items.map((d) => (
          <li key={d.id}>
            <div className="grow" style={{ minWidth: 0 }}>
              <div>{d.buyer}</div>
              <div className="muted ellipsis">{t('「{product}」×{qty}', { product: d.productTitle, qty: d.qty })}</div>
              <div className="muted">{fmt(d.createdAt)}</div>
            </div>
            <span style={{ textAlign: 'right' }}>
              <span className="delta plus">¥{yuan(d.amount - d.reversedAmount)}</span>
              {d.reversedAmount > 0 && (
                <div className="muted" style={{ fontSize: 11 }}>
                  {t('退款冲回 ¥{amount}', { amount: yuan(d.reversedAmount) })}
                </div>
              )}
            </span>
          </li>
        ))}
      </ul>
      <InfiniteScroll loadMore={async () => void (await sales.fetchNextPage())} hasMore={sales.hasNextPage} />
    </>
  );
}
