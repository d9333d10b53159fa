import { Button, Toast } from 'antd-mobile';
import { CloseOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { problemTitle } from '../../api/client.ts';
import { type LiveFlash, type LivePk, type LivePoll, votePoll } from '../../api/live.ts';
import { FlashCountdown } from '../../components/FlashCountdown.tsx';
import { Price } from '../../components/Price.tsx';
import { useT } from '../../i18n/index.tsx';
import { yuan } from '../../lib/money.ts';
import { compactCount } from './format.ts';

const percent = (votes: number, total: number) => (total > 0 ? Math.round((votes / total) * 100) : 0);

/** 投票选品: one vote per viewer, the live shares from the socket. */
export function PollCard({
  poll,
  now,
  signedIn,
  startOpen,
  onLogin,
  onVoted,
}: {
  poll: LivePoll;
  now: number;
  signedIn: boolean;
  /** Collapsed to a chip when another card already takes the side of the screen. */
  startOpen: boolean;
  onLogin: () => void;
  onVoted: (optionIndex: number) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(startOpen);
  const [busy, setBusy] = useState<number | null>(null);
  useEffect(() => setOpen(startOpen), [poll.id, startOpen]);
  const closed = poll.status === 'closed' || Date.parse(poll.closesAt) <= now;
  const showResults = closed || (poll.myVote ?? null) !== null;

  const vote = async (index: number) => {
    if (!signedIn) return onLogin();
    setBusy(index);
    try {
      await votePoll(poll.id, index);
      onVoted(index);
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    } finally {
      setBusy(null);
    }
  };

  if (!open) {
    return (
      <button type="button" className="live-float-chip poll" onClick={() => setOpen(true)}>
        {t('投票')}
      </button>
    );
  }
  return (
    <section className="live-overlay-card poll" aria-label={t('投票选品')} data-testid="live-poll">
      <button type="button" className="live-overlay-close" aria-label={t('收起')} onClick={() => setOpen(false)}>
        <CloseOutline aria-hidden />
      </button>
      <h2>{poll.question}</h2>
      <p className="muted">
        {closed ? (
          t('投票已结束')
        ) : (
          <>
            {t('距结束')} <FlashCountdown until={poll.closesAt} now={now} className="small" />
          </>
        )}
        {' · '}
        {t('{n} 票', { n: poll.totalVotes })}
      </p>
      <ul className="live-poll-options">
        {poll.options.map((o, i) => {
          const p = percent(o.votes, poll.totalVotes);
          return (
            <li key={i}>
              {showResults ? (
                <div className={`live-poll-bar${poll.myVote === i ? ' mine' : ''}`} data-testid="live-poll-result">
                  <span className="live-poll-fill" style={{ width: `${p}%` }} />
                  <span className="live-poll-label ellipsis">
                    {poll.myVote === i && (
                      <span className="live-poll-mine" role="img" aria-label={t('我的选择')}>
                        ✓{' '}
                      </span>
                    )}
                    {o.label}
                  </span>
                  <span className="live-poll-pct">{p}%</span>
                </div>
              ) : (
                <Button
                  block
                  size="small"
                  shape="rounded"
                  loading={busy === i}
                  disabled={busy !== null}
                  onClick={() => void vote(i)}
                  data-testid="live-poll-option"
                >
                  {o.label}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The PK bar under the top bar: both rooms' scores (GMV in yuan or likes) and the time left. */
export function PkBar({ pk, sessionId, now }: { pk: LivePk; sessionId: string; now: number }) {
  const t = useT();
  if (pk.status !== 'running' && pk.status !== 'finished') return null;
  // Our room on the left, whichever side it is in the PK.
  const [us, them] = pk.a.sessionId === sessionId ? [pk.a, pk.b] : [pk.b, pk.a];
  const total = us.score + them.score;
  const share = total > 0 ? Math.min(90, Math.max(10, (us.score / total) * 100)) : 50;
  const show = (n: number) => (pk.metric === 'gmv' ? `¥${yuan(n)}` : compactCount(n));
  const finished = pk.status === 'finished' || (pk.endsAt !== null && Date.parse(pk.endsAt) <= now);
  return (
    <section className="live-pk" aria-label={t('主播 PK')} data-testid="live-pk">
      <div className="live-pk-head">
        <span className="live-pk-tag">PK</span>
        <span>{pk.metric === 'gmv' ? t('比拼成交额') : t('比拼点赞')}</span>
        {finished ? (
          <b>{us.score === them.score ? t('平局') : us.score > them.score ? t('本场胜利') : t('惜败')}</b>
        ) : pk.endsAt ? (
          <FlashCountdown until={pk.endsAt} now={now} className="small" />
        ) : null}
      </div>
      <div className="live-pk-bar">
        <span className="live-pk-us" style={{ width: `${share}%` }}>
          {show(us.score)}
        </span>
        <span className="live-pk-them">{show(them.score)}</span>
      </div>
      <div className="live-pk-names">
        <span className="ellipsis">{us.hostNickname}</span>
        <Link to={`/live/${them.sessionId}`} className="ellipsis">
          {them.hostNickname}
        </Link>
      </div>
    </section>
  );
}

/** 直播秒杀: the countdown before it opens, then 抢 — the same flash-sale purchase as the 秒杀 channel. */
export function LiveFlashCard({
  flash,
  now,
  onGrab,
  busy,
}: {
  flash: LiveFlash;
  now: number;
  onGrab: () => void;
  busy: boolean;
}) {
  const t = useT();
  const starts = Date.parse(flash.startsAt);
  const ends = Date.parse(flash.endsAt);
  if (now >= ends) return null;
  const soldOut = flash.remaining <= 0 || flash.state === 'sold_out';
  return (
    <section className="live-flash" aria-label={t('直播秒杀')} data-testid="live-flash">
      {flash.imageUrl ? <img src={flash.imageUrl} alt="" /> : <span className="live-flash-img" />}
      <div className="live-flash-body">
        <p className="live-flash-title ellipsis">
          <span className="live-flash-tag">{t('直播秒杀')}</span>
          {flash.title}
        </p>
        <Price fen={flash.flashPrice} original={flash.regularPrice} size={16} />
        <p className="live-flash-meta">
          {now < starts ? (
            <>
              {t('距开抢')} <FlashCountdown until={flash.startsAt} now={now} className="small" />
            </>
          ) : (
            t('剩 {n} / {total} 件 · 每人限 {limit} 件', {
              n: flash.remaining,
              total: flash.quantity,
              limit: flash.perUserLimit,
            })
          )}
        </p>
      </div>
      <Button
        color="primary"
        shape="rounded"
        size="small"
        className="live-flash-grab"
        disabled={now < starts || soldOut}
        loading={busy}
        onClick={onGrab}
        data-testid="live-flash-grab"
      >
        {soldOut ? t('已抢光') : now < starts ? t('即将开抢') : t('抢')}
      </Button>
    </section>
  );
}
