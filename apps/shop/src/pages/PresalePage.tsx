import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { usePresale } from '../api/c2m.ts';
import { FlashCountdown, useServerNow } from '../components/FlashCountdown.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PresaleProgress } from '../components/PresaleProgress.tsx';
import { Price } from '../components/Price.tsx';
import { QtyStepper } from '../components/QtyStepper.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

/** A crowdfunded pre-sale: progress to target (live), countdown to the deadline, the delivery promise, buy. */
export default function PresalePage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const presale = usePresale(id);
  const now = useServerNow();
  const [qty, setQty] = useState(1);
  if (presale.isPending) return <DetailSkeleton />;
  if (presale.isError) return <QueryError error={presale.error} onRetry={() => void presale.refetch()} />;
  const p = presale.data;
  const deliverBy = new Date(p.deliverBy).toLocaleDateString('zh-CN');
  const state =
    p.status === 'succeeded'
      ? t('已达成目标，已下单生产，按承诺日期发货')
      : p.status === 'failed'
        ? t('未达成目标，所有款项已原路退回')
        : p.live
          ? null
          : t('预售已截止，等待结果');
  return (
    <div className="page with-action-bar">
      <PageHeader title={t('众筹预售')} />
      {p.imageUrl && (
        <img src={p.imageUrl} alt={p.productTitle} style={{ width: '100%', aspectRatio: '1', objectFit: 'cover' }} />
      )}
      <section className="card">
        <p style={{ margin: 0 }}>
          <span className="tag brand">{t('众筹预售')}</span> <strong>{p.title}</strong>
        </p>
        <p className="muted" style={{ margin: '4px 0' }}>
          {p.productTitle} · {p.specText}
        </p>
        <p style={{ margin: '8px 0' }}>
          <Price fen={p.price} size={22} />{' '}
          {p.skuPrice > p.price && <span className="muted strike">¥{yuan(p.skuPrice)}</span>}
        </p>
        <PresaleProgress p={p} />
        {p.live && (
          <p className="row" style={{ gap: 8, margin: '10px 0 0', fontSize: 13 }}>
            {t('距截止')} <FlashCountdown until={p.deadline} now={now} />
          </p>
        )}
        {state && (
          <p className="tag" data-testid="presale-state" style={{ marginTop: 10 }}>
            {state}
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('预售说明')}</h2>
        <ul className="muted" style={{ paddingLeft: 18, margin: 0, fontSize: 13, lineHeight: 1.7 }}>
          <li>{t('最小起订量 {n} 件，达到目标 {target} 件即开工生产', { n: p.minBatch, target: p.targetQty })}</li>
          <li>{t('承诺 {date} 前发货；超期未发货可申请全额退款', { date: deliverBy })}</li>
          <li>{t('截止时未达目标，自动原路全额退款，优惠券与积分退回')}</li>
          <li>{t('本预售为全款预售')}</li>
        </ul>
      </section>
      {p.live && (
        <div className="action-bar">
          <div className="grow">
            <QtyStepper value={qty} max={99} onChange={setQty} label={t('数量')} testId="presale-qty" />
          </div>
          <Button
            color="danger"
            shape="rounded"
            size="large"
            data-testid="presale-buy"
            onClick={() => void navigate(`/presale/${p.id}/buy?qty=${qty}`)}
          >
            {t('全款预订')}
          </Button>
        </div>
      )}
    </div>
  );
}
