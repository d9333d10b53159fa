import { Button, InfiniteScroll, Tabs } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type LogEntry, useLogEntries, useTreeHead } from '../api/transparency.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { webCryptoReady } from '../lib/merkle.ts';
import { checkAgainstSeen, checkEntry, type EntryCheck } from './transparency-check.ts';
import { describeEntry, KINDS, kindLabel } from './transparency-entry.ts';
import './TransparencyPage.css';

/** 透明度: the signed tree head and every logged fact, each checkable in this browser without trusting us. */
export default function TransparencyPage() {
  const t = useT();
  const fmt = useFormatTime();
  const head = useTreeHead();
  // ?kind=…&subject=… narrows the list: a claim's progress page and the privacy centre link to their own entries.
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const subject = params.get('subject') ?? '';
  const entries = useLogEntries({ kind: kind || undefined, subjectId: subject || undefined });
  const [history, setHistory] = useState<{ ok: boolean; fromSize: number } | null | 'checking'>('checking');
  useEffect(() => {
    if (!head.data || !webCryptoReady()) return;
    checkAgainstSeen(head.data).then(setHistory, () => setHistory({ ok: false, fromSize: 0 }));
  }, [head.data]);
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('透明度')} backTo="/me" />
      <section className="card transparency-intro">
        <p>
          {t(
            '评价、审核结论、先行赔付决定、商家处罚和员工查看个人信息的记录都写入只能追加的公开日志（默克尔树），不含任何个人信息。核验在你的浏览器里完成：重新计算哈希、检查包含证明和签名，不依赖平台的说法。',
          )}
        </p>
      </section>
      {!webCryptoReady() && <p className="card transparency-bad">{t('当前浏览器不支持 WebCrypto，无法在本地核验')}</p>}
      {head.isPending ? (
        <ListSkeleton rows={2} />
      ) : head.isError ? (
        <QueryError error={head.error} onRetry={() => void head.refetch()} />
      ) : (
        <section className="card" aria-label={t('签名树头')} data-testid="tree-head">
          <h2>{t('签名树头')}</h2>
          <dl className="transparency-head">
            <dt>{t('记录条数')}</dt>
            <dd>{head.data.treeSize}</dd>
            <dt>{t('根哈希')}</dt>
            <dd className="mono">{head.data.rootHash}</dd>
            <dt>{t('签名时间')}</dt>
            <dd>{fmt(head.data.signedAt)}</dd>
            <dt>{t('签名公钥')}</dt>
            <dd className="mono">{head.data.publicKey}</dd>
          </dl>
          {history !== 'checking' && history !== null && (
            <p className={history.ok ? 'transparency-ok' : 'transparency-bad'}>
              {history.ok
                ? t('与你上次看到的树头（{n} 条）一致：之前的记录没有被改写', { n: history.fromSize })
                : t('与你上次看到的树头不一致！')}
            </p>
          )}
        </section>
      )}
      <h2 className="transparency-list-title">{t('日志条目')}</h2>
      <Tabs
        activeKey={kind || 'all'}
        onChange={(k) => setParams(k === 'all' ? {} : { kind: k })}
        className="transparency-tabs"
      >
        <Tabs.Tab key="all" title={t('全部')} />
        {KINDS.map((k) => (
          <Tabs.Tab key={k.kind} title={t(k.label)} />
        ))}
      </Tabs>
      {subject && (
        <p className="transparency-filter muted" data-testid="subject-filter">
          {t('只看记录 {id}', { id: subject })} ·{' '}
          <Button size="mini" fill="none" onClick={() => setParams(kind ? { kind } : {})}>
            {t('看全部')}
          </Button>
        </p>
      )}
      {entries.isPending ? (
        <ListSkeleton rows={5} />
      ) : entries.isError ? (
        <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('日志里还没有条目')} />
      ) : (
        <>
          <ul className="transparency-entries" data-testid="log-entries">
            {items.map((e) => (
              <EntryRow key={e.leafIndex} entry={e} />
            ))}
          </ul>
          <InfiniteScroll loadMore={async () => void (await entries.fetchNextPage())} hasMore={entries.hasNextPage} />
        </>
      )}
    </div>
  );
}

function EntryRow({ entry }: { entry: LogEntry }) {
  const t = useT();
  const fmt = useFormatTime();
  const [check, setCheck] = useState<EntryCheck | 'running' | 'failed' | null>(null);
  const label = kindLabel(entry.kind);
  const facts = describeEntry(entry.kind, entry.leafData);
  const run = () => {
    setCheck('running');
    checkEntry(entry).then(setCheck, () => setCheck('failed'));
  };
  return (
    <li className="card transparency-entry" data-testid="log-entry">
      <div className="transparency-entry-head">
        <span>
          #{entry.leafIndex} · {label ? t(label) : entry.kind}
        </span>
        <span className="muted">{fmt(entry.createdAt)}</span>
      </div>
      <div className="mono muted">{entry.subjectId}</div>
      {facts.length > 0 && (
        <dl className="transparency-facts" data-testid="entry-facts">
          {facts.map((f, i) => (
            <div key={i}>
              <dt>{t(f.label)}</dt>
              <dd>{f.valueKey ? t(f.valueKey) : f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {check === null || check === 'running' ? (
        <Button size="small" loading={check === 'running'} onClick={run} disabled={!webCryptoReady()}>
          {t('在本机核验')}
        </Button>
      ) : check === 'failed' ? (
        <p className="transparency-bad">{t('核验没有完成，请重试')}</p>
      ) : (
        <div className="transparency-result">
          {check.review && <p className="transparency-review">“{check.review.content || t('（只打了星）')}”</p>}
          {check.held && <p className="muted">{t('该评价审核中，内容暂不公开；下面是日志条目本身的核验')}</p>}
          <ul>
            {check.steps.map((s) => (
              <li key={s.label} className={s.ok ? 'transparency-ok' : 'transparency-bad'}>
                {s.ok ? '✓' : '✗'} {t(s.label, s.n === undefined ? {} : { n: s.n })}
                {s.detail ? <span className="muted"> · {s.detail}</span> : null}
              </li>
            ))}
          </ul>
          <strong className={check.ok ? 'transparency-ok' : 'transparency-bad'} data-testid="verify-verdict">
            {check.ok ? t('已验证，未被篡改') : t('核验失败：内容或证明不一致')}
          </strong>
        </div>
      )}
    </li>
  );
}
