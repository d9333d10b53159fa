import { Link } from 'react-router';
import { useLiveList } from '../../api/live.ts';
import { useServerNow, useSlotTime } from '../../components/FlashCountdown.tsx';
import { useT } from '../../i18n/index.tsx';
import { compactCount } from './format.ts';
import './LiveStrip.css';

/** The home page's 好物直播 strip: rooms live now (or the next ones), always with a way into the channel. */
export function LiveStrip() {
  const t = useT();
  const now = useServerNow(30_000);
  const slotTime = useSlotTime();
  const live = useLiveList('live', 6);
  const liveCards = live.data?.pages[0]?.items ?? [];
  const upcoming = useLiveList('upcoming', 6);
  const cards = liveCards.length > 0 ? liveCards : (upcoming.data?.pages[0]?.items ?? []);
  return (
    <section className="card live-strip" aria-labelledby="live-strip-title" data-testid="home-live">
      <Link to="/live" className="live-strip-head">
        <h2 id="live-strip-title">{t('好物直播')}</h2>
        <span className="live-strip-sub">
          {liveCards.length > 0 ? t('{n} 场直播中', { n: liveCards.length }) : t('边看边买，主播讲解')}
        </span>
        <span className="link-more">{t('更多')} ›</span>
      </Link>
      {cards.length > 0 && (
        <ul className="live-strip-items">
          {cards.map((c) => (
            <li key={c.id}>
              <Link to={`/live/${c.id}`} className="live-strip-item" data-testid="home-live-card">
                {c.coverUrl ? <img src={c.coverUrl} alt="" loading="lazy" /> : <span className="live-strip-img" />}
                <span className={`live-strip-tag ${c.status === 'live' ? 'live' : 'upcoming'}`}>
                  {c.status === 'live'
                    ? c.demoViewerCount > 0
                      ? t('{n} 人在看（含演示观众）', { n: compactCount(c.viewerCount + c.demoViewerCount) })
                      : t('{n} 人在看', { n: compactCount(c.viewerCount) })
                    : t('{time} 开播', { time: slotTime(c.scheduledAt, now) })}
                </span>
                <span className="live-strip-title ellipsis">{c.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
