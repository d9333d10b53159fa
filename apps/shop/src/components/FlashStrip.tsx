import { Link } from 'react-router';
import { useFlashChannel } from '../api/flash.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import '../pages/flash/flash.css';
import { FlashCountdown, useServerNow, useSlotTime } from './FlashCountdown.tsx';
import { Price } from './Price.tsx';

/** The home page's 限时秒杀 strip: the slot on now (or the next one) with its countdown. Absent when there is none. */
export function FlashStrip() {
  const t = useT();
  const channel = useFlashChannel();
  const now = useServerNow();
  const slotTime = useSlotTime();
  const slots = (channel.data ?? []).filter((s) => s.state !== 'cancelled' && now < Date.parse(s.endsAt));
  const live = slots.find((s) => now >= Date.parse(s.startsAt));
  const slot = live ?? slots[0];
  if (!slot) return null;
  return (
    <section className="card flash-strip" aria-labelledby="flash-strip-title" data-testid="home-flash">
      <Link to="/flash" className="flash-strip-head">
        <h2 id="flash-strip-title">{t('限时秒杀')}</h2>
        <span className="flash-strip-when">
          {live ? t('抢购中 · 距结束') : t('{time} 场 · 距开始', { time: slotTime(slot.startsAt, now) })}
          <FlashCountdown until={live ? slot.endsAt : slot.startsAt} now={now} className="small" />
        </span>
        <span className="link-more">{t('更多')} ›</span>
      </Link>
      <ul className="flash-strip-items">
        {slot.items.slice(0, 4).map((item) => (
          <li key={item.itemId}>
            {/* Named by the picture's alt and the prices on it, so the accessible name contains what is visible. */}
            <Link to={`/flash/${item.itemId}`} className="flash-strip-item">
              {item.imageUrl ? (
                <img src={item.imageUrl} alt={item.title} loading="lazy" />
              ) : (
                <span className="flash-strip-img" role="img" aria-label={item.title} />
              )}
              <Price fen={item.flashPrice} size={14} />
              <del className="price-original">¥{yuan(item.regularPrice)}</del>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
