import { InfiniteScroll } from 'antd-mobile';
import { useParams } from 'react-router';
import { useCharityLedger } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import './Points.css';

/** 公益账本 (public): a project's total from the ledger and every donation, donors masked. */
export default function CharityLedgerPage() {
  const t = useT();
  const fmt = useFormatTime();
  const { id = '' } = useParams();
  const ledger = useCharityLedger(id);
  const project = ledger.data?.pages[0]?.project;
  const items = ledger.data?.pages.flatMap((p) => p.items) ?? [];
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
                  <dt>{t('累计募集')}</dt>
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
            </section>
          )}
          {items.length === 0 ? (
            <EmptyState title={t('还没有捐赠记录')} />
          ) : (
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
          )}
        </>
      )}
    </div>
  );
}
