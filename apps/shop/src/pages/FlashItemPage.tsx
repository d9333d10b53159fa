import { Button, ProgressBar, Toast } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { formatAddress, useAddresses } from '../api/addresses.ts';
import { phaseOf, soldPercent, useFlashItem, type FlashItemDetail, type FlashPhase } from '../api/flash.ts';
import { useMe } from '../api/session.ts';
import { FlashCountdown, useServerNow, useSlotTime } from '../components/FlashCountdown.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QtyStepper } from '../components/QtyStepper.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { FlashResultSheet } from './flash/FlashResultSheet.tsx';
import { MemberEarlyNote } from './flash/MemberEarlyNote.tsx';
import { MyFlashRecords } from './flash/MyFlashRecords.tsx';
import { useFlashTap } from './flash/useFlashTap.ts';
import './flash/flash.css';

/** A flash item: the pre-warm page before the start (countdown), the buying page while live. */
export default function FlashItemPage() {
  const { itemId = '' } = useParams();
  const t = useT();
  const item = useFlashItem(itemId);
  if (item.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('限时秒杀')} backTo="/flash" />
        <DetailSkeleton />
      </div>
    );
  }
  if (item.isError) {
    return (
      <div className="page">
        <PageHeader title={t('限时秒杀')} backTo="/flash" />
        <QueryError error={item.error} onRetry={() => void item.refetch()} />
      </div>
    );
  }
  return <FlashItemView item={item.data} refetch={item.refetch} />;
}

function FlashItemView({ item, refetch }: { item: FlashItemDetail; refetch: () => Promise<unknown> }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const addresses = useAddresses(Boolean(me.data));
  const now = useServerNow();
  const slotTime = useSlotTime();
  const { state, tap, reset } = useFlashTap(item.itemId);
  const [qty, setQty] = useState(1);
  const phase = phaseOf(item, now);

  // The moment the slot opens (for this buyer) or closes, ask the server (the button already follows the clock).
  const edge = [Date.parse(item.myStartsAt), Date.parse(item.endsAt)].find((at) => at > now);
  useEffect(() => {
    if (edge === undefined) return;
    const timer = setTimeout(() => void refetch(), Math.max(0, edge - Date.now()) + 300);
    return () => clearTimeout(timer);
  }, [edge, refetch]);

  const reserved = item.myPurchases.find((p) => p.status === 'reserved' && Date.parse(p.payDeadline) > now);
  const paid = item.myPurchases.find((p) => p.status === 'paid');
  const canStillBuy = Math.min(item.perUserLimit - item.myQty, item.remaining);
  const buy = () => {
    if (!me.data) {
      Toast.show({ content: t('请先登录') });
      void navigate(`/login?redirect=${encodeURIComponent(location.pathname)}`);
      return;
    }
    void tap(Math.min(qty, Math.max(1, canStillBuy)));
  };

  const percent = soldPercent(item.sold, item.quantity);
  const address = addresses.data?.find((a) => a.isDefault) ?? addresses.data?.[0];
  return (
    <div className="page with-action-bar flash-item-page">
      <PageHeader title={t('限时秒杀')} backTo="/flash" />
      <h1 className="sr-only">{item.title}</h1>
      <div className="flash-hero">
        {item.imageUrl ? (
          <img src={item.imageUrl} alt={item.title} />
        ) : (
          <span className="flash-hero-empty">{t('暂无图片')}</span>
        )}
      </div>

      <section className={`flash-banner phase-${phase}`} aria-label={t('秒杀价格与倒计时')}>
        <div className="flash-banner-price">
          <span className="flash-banner-tag">{t('秒杀价')}</span>
          <Price fen={item.flashPrice} original={item.regularPrice} size={30} />
        </div>
        <div className="flash-banner-timer" data-testid="flash-timer">
          {phase === 'upcoming' ? (
            <>
              <span>{t('{time} 开抢 · 距开始', { time: slotTime(item.myStartsAt, now) })}</span>
              <FlashCountdown until={item.myStartsAt} now={now} className="big" />
            </>
          ) : phase === 'ended' ? (
            <span className="flash-banner-over">{t('本场已结束')}</span>
          ) : (
            <>
              <span>{phase === 'sold_out' ? t('已抢光 · 距结束') : t('抢购中 · 距结束')}</span>
              <FlashCountdown until={item.endsAt} now={now} className="big" />
            </>
          )}
        </div>
      </section>

      {item.memberEarlyAccess && <MemberEarlyNote item={item} now={now} />}

      <section className="card flash-info">
        <p className="flash-info-title">{item.title}</p>
        {item.specText && <p className="muted">{t('规格：{spec}', { spec: item.specText })}</p>}
        <Link to={`/product/${item.productId}`} className="flash-info-link">
          {t('查看商品详情与评价')} <RightOutline aria-hidden />
        </Link>
      </section>

      <section className="card flash-rows">
        <div className="flash-row">
          <span className="flash-row-label">{t('库存')}</span>
          <span className="grow">
            {phase === 'upcoming' ? (
              t('限量 {n} 件', { n: item.quantity })
            ) : (
              <>
                <span data-testid="flash-remaining">
                  {item.remaining > 0
                    ? t('剩余 {n} 件 / 共 {total} 件', { n: item.remaining, total: item.quantity })
                    : t('已抢光')}
                </span>
                <ProgressBar
                  percent={percent}
                  text={t('已抢 {p}%', { p: percent })}
                  style={{ '--fill-color': 'var(--brand)' }}
                />
              </>
            )}
          </span>
        </div>
        <div className="flash-row">
          <span className="flash-row-label">{t('限购')}</span>
          <span className="grow">
            {t('每人限购 {n} 件', { n: item.perUserLimit })}
            {item.myQty > 0 && <span className="muted"> · {t('你已抢到 {n} 件', { n: item.myQty })}</span>}
          </span>
          {phase === 'live' && !reserved && canStillBuy > 1 && (
            <QtyStepper value={qty} max={canStillBuy} onChange={setQty} label={t('抢购数量')} />
          )}
        </div>
        <div className="flash-row">
          <span className="flash-row-label">{t('配送')}</span>
          <span className="grow">{t('包邮 · 发货到默认收货地址')}</span>
        </div>
        {me.data && addresses.data && (
          <Link
            className="flash-row"
            to={address ? '/me/addresses' : `/me/addresses/new?back=${encodeURIComponent(location.pathname)}`}
          >
            <span className="flash-row-label">{t('地址')}</span>
            <span className="grow ellipsis">{address ? formatAddress(address) : t('还没有收货地址，先添加一个')}</span>
            <RightOutline aria-hidden />
          </Link>
        )}
        <div className="flash-row">
          <span className="flash-row-label">{t('付款')}</span>
          <span className="grow">
            {t('抢到后请在 {n} 分钟内付款，超时名额释放给其他人', { n: Math.round(item.payWindowSeconds / 60) })}
          </span>
        </div>
      </section>

      {item.myPurchases.length > 0 && <MyFlashRecords purchases={item.myPurchases} now={now} />}

      <div className="action-bar">
        <ActionButton
          phase={phase}
          item={item}
          now={now}
          reserved={reserved}
          paid={canStillBuy <= 0 ? paid : undefined}
          onBuy={buy}
          busy={state.phase === 'pending' || state.phase === 'checking'}
        />
      </div>

      <FlashResultSheet
        itemId={item.itemId}
        startsAt={item.myStartsAt}
        state={state}
        onClose={reset}
        onRetry={() => void tap(qty)}
      />
    </div>
  );
}

type Purchase = FlashItemDetail['myPurchases'][number];

function ActionButton({
  phase,
  item,
  now,
  reserved,
  paid,
  onBuy,
  busy,
}: {
  phase: FlashPhase;
  item: FlashItemDetail;
  now: number;
  reserved: Purchase | undefined;
  paid: Purchase | undefined;
  onBuy: () => void;
  busy: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const common = { block: true, shape: 'rounded', className: 'flash-action', 'data-testid': 'flash-action' } as const;
  if (reserved) {
    return (
      <Button {...common} color="primary" onClick={() => void navigate(`/pay/${reserved.checkoutId}`)}>
        {t('已抢到 · 去支付')} <FlashCountdown until={reserved.payDeadline} now={now} className="small" />
      </Button>
    );
  }
  if (paid) {
    return (
      <Button {...common} color="success" fill="outline" onClick={() => void navigate(`/orders/${paid.orderId}`)}>
        {t('已支付 · 查看订单')}
      </Button>
    );
  }
  if (phase === 'upcoming') {
    return (
      <Button {...common} disabled className="flash-action upcoming">
        {t('即将开始')} <FlashCountdown until={item.myStartsAt} now={now} className="small" />
      </Button>
    );
  }
  if (phase === 'sold_out')
    return (
      <Button {...common} disabled>
        {t('已抢光')}
      </Button>
    );
  if (phase === 'ended')
    return (
      <Button {...common} disabled>
        {t('已结束')}
      </Button>
    );
  return (
    <Button {...common} color="primary" onClick={onBuy} loading={busy} loadingText={t('抢购中…')}>
      {t('立即抢购')}
    </Button>
  );
}
