import { Button, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, must, problemTitle } from '../api/client.ts';
import { BARGAIN_STATUS_LABEL, bargainKeys, deviceId, useBargain } from '../api/groupbuy.ts';
import { useMe } from '../api/session.ts';
import '../components/CampaignSection.css';
import { FlashCountdown, useServerNow } from '../components/FlashCountdown.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

/** A bargain: progress to the floor, the friends who helped, help once, and buy at the price reached. */
export default function BargainPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const bargain = useBargain(id);
  const now = useServerNow();
  const help = useMutation({
    meta: { quiet: true },
    mutationFn: () =>
      must(api.POST('/api/v1/bargains/{id}/help', { params: { path: { id }, header: { 'x-device-id': deviceId() } } })),
    onSuccess: (b) => {
      qc.setQueryData(bargainKeys.bargain(id), b);
      Toast.show({
        icon: 'success',
        content: t('帮砍成功，砍掉 ¥{amount}', { amount: yuan(b.helpers[b.helpers.length - 1]?.amount ?? 0) }),
      });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });

  if (bargain.isPending)
    return (
      <div className="page">
        <PageHeader title={t('砍价')} />
        <DetailSkeleton />
      </div>
    );
  if (bargain.isError)
    return (
      <div className="page">
        <PageHeader title={t('砍价')} />
        <QueryError error={bargain.error} onRetry={() => void bargain.refetch()} />
      </div>
    );
  const b = bargain.data;
  const cut = b.startPrice - b.currentPrice;
  const total = b.startPrice - b.floorPrice;
  const share = async () => {
    const url = `${window.location.origin}/bargain/${b.id}`;
    try {
      await navigator.clipboard.writeText(url);
      Toast.show({ content: t('链接已复制，快请好友帮砍') });
    } catch {
      Toast.show({ content: url });
    }
  };
  return (
    <div className="page with-action-bar">
      <PageHeader title={t('砍价')} />
      <section className="card">
        <div className="row" style={{ gap: 12 }}>
          {b.campaign.imageUrl && (
            <img
              src={b.campaign.imageUrl}
              alt={b.campaign.productTitle}
              width={88}
              height={88}
              style={{ borderRadius: 8, objectFit: 'cover' }}
            />
          )}
          <div className="grow">
            <p className="clamp-2" style={{ margin: 0 }}>
              {b.campaign.productTitle}
            </p>
            <p className="muted" style={{ margin: '4px 0' }}>
              {t('{name} 发起的砍价', { name: b.ownerNickname })}
            </p>
            <span className="muted">
              {t('底价')} ¥{yuan(b.floorPrice)}
            </span>
          </div>
        </div>
      </section>
      <section className="card" aria-live="polite">
        <p className="gb-status" data-testid="bargain-status">
          {t(BARGAIN_STATUS_LABEL[b.status])}
        </p>
        <p style={{ margin: 0 }}>
          {t('当前价')} <Price fen={b.currentPrice} size={24} /> · {t('已砍 ¥{cut}', { cut: yuan(cut) })}
        </p>
        <div
          className="gb-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={b.helpsNeeded}
          aria-valuenow={b.helpsCount}
          aria-label={t('砍价进度')}
        >
          <span style={{ width: `${total > 0 ? (cut / total) * 100 : 0}%` }} />
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {b.helpsCount >= b.helpsNeeded
            ? t('已砍到底价')
            : t('再邀请 {n} 位好友即可砍到底价', { n: b.helpsNeeded - b.helpsCount })}
          {b.status === 'active' && (
            <>
              {' '}
              · {t('剩余')} <FlashCountdown until={b.expiresAt} now={now} />
            </>
          )}
        </p>
      </section>
      <section className="card" aria-labelledby="helpers-title">
        <h2 id="helpers-title">{t('帮砍好友')}</h2>
        {b.helpers.length === 0 ? (
          <p className="muted">{t('还没有好友帮砍')}</p>
        ) : (
          <ul className="gb-helpers" data-testid="bargain-helpers">
            {b.helpers.map((h, i) => (
              <li key={i}>
                <span>{h.nickname}</span>
                <span className="price">-¥{yuan(h.amount)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="muted" style={{ fontSize: 12 }}>
          {t('每刀金额由随机种子决定，可复核：{seed}', { seed: b.seed.slice(0, 8) })}
        </p>
      </section>
      <div className="action-bar">
        {b.isMine ? (
          <>
            <Button className="grow" shape="rounded" onClick={() => void share()} disabled={b.status !== 'active'}>
              {t('邀请好友帮砍')}
            </Button>
            <Button
              className="grow"
              color="danger"
              shape="rounded"
              disabled={b.status !== 'active'}
              onClick={() => void navigate(`/bargain/${b.id}/buy`)}
              data-testid="bargain-buy"
            >
              {t('¥{price} 立即购买', { price: yuan(b.currentPrice) })}
            </Button>
          </>
        ) : (
          <Button
            className="grow"
            color="warning"
            shape="rounded"
            loading={help.isPending}
            disabled={b.iHelped || b.status !== 'active' || b.helpsCount >= b.helpsNeeded}
            onClick={() =>
              me.data ? help.mutate() : void navigate(`/login?redirect=${encodeURIComponent(`/bargain/${b.id}`)}`)
            }
            data-testid="bargain-help"
          >
            {b.iHelped ? t('你已帮砍') : t('帮 TA 砍一刀')}
          </Button>
        )}
      </div>
    </div>
  );
}
