import { ProgressBar, PullToRefresh } from 'antd-mobile';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { phaseOf, soldPercent, useFlashChannel, type FlashItem, type FlashSlot } from '../api/flash.ts';
import { FlashCountdown, useServerNow, useSlotTime } from '../components/FlashCountdown.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { MemberEarlyNote } from './flash/MemberEarlyNote.tsx';
import './flash/flash.css';

// A slot's items share its start; `myStartsAt` is this buyer's (earlier for 金卡/黑钻 on a 会员优先购 slot).
const opensAt = (s: FlashSlot) => s.items[0]?.myStartsAt ?? s.startsAt;
const slotLive = (s: FlashSlot, now: number) => now >= Date.parse(opensAt(s)) && now < Date.parse(s.endsAt);
const membersOnlyYet = (s: FlashSlot, now: number) => now < Date.parse(s.startsAt);

/** 秒杀频道: one tab per slot (by start time), its items with honest progress, and a countdown for the slot. */
export default function FlashChannelPage() {
  const t = useT();
  const channel = useFlashChannel();
  const now = useServerNow();
  const slotTime = useSlotTime();
  const [params, setParams] = useSearchParams();
  const slots = (channel.data ?? []).filter((s) => s.state !== 'cancelled' && now < Date.parse(s.endsAt));
  const chosen = slots.find((s) => s.saleId === params.get('slot')) ?? slots.find((s) => slotLive(s, now)) ?? slots[0];

  // A slot starting (for everyone, or early for this member) or ending while the page is open: refetch right then.
  const nextEdge = Math.min(
    ...slots
      .flatMap((s) => [s.startsAt, s.endsAt, ...s.items.map((i) => i.myStartsAt)])
      .map((at) => Date.parse(at))
      .filter((at) => at > now),
  );
  const { refetch } = channel;
  useEffect(() => {
    if (!Number.isFinite(nextEdge)) return;
    const timer = setTimeout(() => void refetch(), Math.max(0, nextEdge - Date.now()) + 300);
    return () => clearTimeout(timer);
  }, [nextEdge, refetch]);

  return (
    <div className="page flash-page">
      <PageHeader title={t('限时秒杀')} />
      <PullToRefresh onRefresh={async () => void (await channel.refetch())}>
        {channel.isPending ? (
          <ListSkeleton rows={4} />
        ) : channel.isError ? (
          <QueryError error={channel.error} onRetry={() => void channel.refetch()} />
        ) : !chosen ? (
          <EmptyState title={t('暂时没有秒杀场次')} description={t('商家安排好场次后会出现在这里，去逛逛别的吧')}>
            <Link to="/" className="link-more">
              {t('返回首页')} ›
            </Link>
          </EmptyState>
        ) : (
          <>
            <div className="flash-tabs" role="tablist" aria-label={t('秒杀场次')}>
              {slots.map((s) => {
                const live = slotLive(s, now);
                return (
                  <button
                    key={s.saleId}
                    type="button"
                    role="tab"
                    aria-selected={s.saleId === chosen.saleId}
                    className={`flash-tab ${s.saleId === chosen.saleId ? 'on' : ''}`}
                    onClick={() => setParams({ slot: s.saleId }, { replace: true })}
                    data-testid="flash-slot-tab"
                  >
                    <span className="flash-tab-time">{slotTime(s.startsAt, now)}</span>
                    <span className="flash-tab-state">
                      {!live ? t('即将开始') : membersOnlyYet(s, now) ? t('会员抢购中') : t('正在抢购')}
                    </span>
                  </button>
                );
              })}
            </div>
            <SlotPanel slot={chosen} now={now} />
          </>
        )}
      </PullToRefresh>
    </div>
  );
}

function SlotPanel({ slot, now }: { slot: FlashSlot; now: number }) {
  const t = useT();
  const live = slotLive(slot, now);
  return (
    <section role="tabpanel" aria-label={slot.title}>
      <div className="flash-slot-head">
        <span className="grow ellipsis">
          <b>{slot.title}</b>
          <span className="muted"> · {slot.merchantName}</span>
        </span>
        <span className="flash-slot-timer">
          {live ? t('距结束') : t('距开始')}
          <FlashCountdown until={live ? slot.endsAt : opensAt(slot)} now={now} />
        </span>
      </div>
      {slot.memberEarlyAccess && slot.items[0] && <MemberEarlyNote item={slot.items[0]} now={now} />}
      <ul className="plain-list" data-testid="flash-items">
        {slot.items.map((item) => (
          <li key={item.itemId}>
            <FlashItemCard item={item} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FlashItemCard({ item, now }: { item: FlashItem; now: number }) {
  const t = useT();
  const phase = phaseOf(item, now);
  const percent = soldPercent(item.sold, item.quantity);
  return (
    <Link to={`/flash/${item.itemId}`} className={`card flash-card phase-${phase}`} data-testid="flash-item-card">
      {item.imageUrl ? (
        <img className="flash-thumb" src={item.imageUrl} alt="" loading="lazy" />
      ) : (
        <span className="flash-thumb" />
      )}
      <span className="flash-card-body">
        <span className="flash-card-title clamp-2">{item.title}</span>
        {item.memberEarlyAccess && <span className="flash-card-early">{t('会员优先购')}</span>}
        {item.specText && <span className="muted ellipsis">{item.specText}</span>}
        {phase === 'upcoming' ? (
          <span className="flash-card-note">
            {t('限量 {n} 件 · 每人限购 {m} 件', { n: item.quantity, m: item.perUserLimit })}
          </span>
        ) : (
          <span className="flash-progress">
            <ProgressBar percent={percent} style={{ '--track-width': '6px', '--fill-color': 'var(--brand)' }} />
            <span className="flash-progress-text">
              {phase === 'sold_out' ? t('已抢光') : t('已抢 {p}%', { p: percent })}
            </span>
          </span>
        )}
        <span className="flash-card-foot">
          <Price fen={item.flashPrice} original={item.regularPrice} size={19} />
          <span className={`flash-card-btn btn-${phase}`} aria-hidden>
            {phase === 'live'
              ? t('去抢购')
              : phase === 'sold_out'
                ? t('已抢光')
                : phase === 'ended'
                  ? t('已结束')
                  : t('即将开始')}
          </span>
        </span>
      </span>
    </Link>
  );
}
