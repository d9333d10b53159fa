import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Trace, useTrace } from '../api/trace.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { type MessageKey, useFormatTime, useT } from '../i18n/index.tsx';
import { webCryptoReady } from '../lib/merkle.ts';
import { checkTraceEvent } from './trace-check.ts';
import './TransparencyPage.css';
import './TracePage.css';

const FACT: Record<string, MessageKey> = {
  batchNo: '批次号',
  producedOn: '生产日期',
  expiresOn: '有效期至',
  supplier: '生产方',
  origin: '产地',
  factoryDirect: '工厂直供',
  acceptedQty: '合格数量',
  rejectedQty: '不合格数量',
  warehouse: '仓库',
  province: '所在省份',
};

/** 扫码溯源: a lot's production, inspection and logistics record, each event checked against the public log here. */
export default function TracePage() {
  const { code = '' } = useParams();
  const t = useT();
  const trace = useTrace(code);
  return (
    <div className="page">
      <PageHeader title={t('商品溯源')} backTo="/" />
      {trace.isPending ? (
        <ListSkeleton rows={3} />
      ) : trace.isError ? (
        <QueryError error={trace.error} onRetry={() => void trace.refetch()} />
      ) : trace.data.events.length === 0 ? (
        <EmptyState title={t('该批次还没有溯源记录')} />
      ) : (
        <TraceBody trace={trace.data} />
      )}
    </div>
  );
}

function TraceBody({ trace }: { trace: Trace }) {
  const t = useT();
  const fmt = useFormatTime();
  const [checks, setChecks] = useState<(boolean | null)[]>(trace.events.map(() => null));
  useEffect(() => {
    if (!webCryptoReady()) return;
    let live = true;
    void Promise.all(trace.events.map((e) => checkTraceEvent(trace.code, e).catch(() => false))).then(
      (r) => live && setChecks(r),
    );
    return () => {
      live = false;
    };
  }, [trace]);
  const done = checks.every((c) => c !== null);
  const allOk = done && checks.every(Boolean);
  return (
    <>
      <section className="card trace-product">
        <h2>{trace.productTitle}</h2>
        <p className="trace-muted">
          {trace.specText} · {trace.shopName}
        </p>
        <dl className="transparency-head">
          <dt>{t('溯源码')}</dt>
          <dd className="mono">{trace.code}</dd>
          <dt>{t('批次号')}</dt>
          <dd>{trace.batchNo}</dd>
          {trace.producedOn && (
            <>
              <dt>{t('生产日期')}</dt>
              <dd>{trace.producedOn}</dd>
            </>
          )}
          {trace.expiresOn && (
            <>
              <dt>{t('有效期至')}</dt>
              <dd>{trace.expiresOn}</dd>
            </>
          )}
        </dl>
        {!webCryptoReady() ? (
          <p className="transparency-bad">{t('当前浏览器不支持 WebCrypto，无法在本地核验')}</p>
        ) : (
          <p
            className={
              done ? (allOk ? 'transparency-ok trace-verdict' : 'transparency-bad trace-verdict') : 'trace-muted'
            }
            data-testid="trace-verdict"
          >
            {!done ? t('正在核验…') : allOk ? t('已验证，未被篡改') : t('核验失败：内容或证明不一致')}
          </p>
        )}
      </section>
      <ol className="trace-events" aria-label={t('溯源记录')}>
        {trace.events.map((e, i) => (
          <li key={e.leafIndex} className="card" data-testid="trace-event">
            <div className="trace-event-head">
              <strong>{e.title}</strong>
              <span className="trace-muted">{fmt(e.occurredAt)}</span>
            </div>
            <dl className="transparency-head">
              {Object.entries(e.facts)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => (
                  <FactRow
                    key={k}
                    name={FACT[k]}
                    raw={k}
                    value={typeof v === 'boolean' ? (v ? t('是') : t('否')) : String(v)}
                  />
                ))}
            </dl>
            <p className={checks[i] === null ? 'trace-muted' : checks[i] ? 'transparency-ok' : 'transparency-bad'}>
              {checks[i] === null
                ? t('正在核验…')
                : checks[i]
                  ? t('已验证：日志第 {n} 条，包含证明与签名有效', { n: e.leafIndex + 1 })
                  : t('核验失败：内容或证明不一致')}
            </p>
          </li>
        ))}
      </ol>
      <p className="trace-muted trace-foot">
        {t('每条记录都写入只能追加的公开日志，核验在你的浏览器里完成。')}{' '}
        <Link to={`/transparency?kind=trace-event&subject=${trace.code}`}>{t('查看日志原文')}</Link>
      </p>
    </>
  );
}

function FactRow({ name, raw, value }: { name: MessageKey | undefined; raw: string; value: string }) {
  const t = useT();
  return (
    <>
      <dt>{name ? t(name) : raw}</dt>
      <dd>{value}</dd>
    </>
  );
}
