import { PlayOutline } from 'antd-mobile-icons';
import { type RefObject, useEffect, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { clipTime } from './format.ts';

/** Play/pause and a seek bar for the replay (the live room has neither: live is live). */
export function ReplayProgress({ video }: { video: RefObject<HTMLVideoElement | null> }) {
  const t = useT();
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [paused, setPaused] = useState(true);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const sync = () => {
      setTime(el.currentTime);
      setDuration(Number.isFinite(el.duration) ? el.duration : 0);
      setPaused(el.paused);
    };
    const events = ['timeupdate', 'durationchange', 'play', 'pause', 'loadedmetadata'] as const;
    for (const e of events) el.addEventListener(e, sync);
    sync();
    return () => {
      for (const e of events) el.removeEventListener(e, sync);
    };
  }, [video]);

  const toggle = () => {
    const el = video.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => undefined);
    else el.pause();
  };

  return (
    <div className="live-progress">
      <button type="button" className="live-progress-play" onClick={toggle} aria-label={paused ? t('播放') : t('暂停')}>
        {paused ? <PlayOutline aria-hidden /> : <span className="live-pause" aria-hidden />}
      </button>
      <span className="live-progress-time">{clipTime(time)}</span>
      <input
        type="range"
        min={0}
        max={duration || 0}
        step={0.1}
        value={Math.min(time, duration || 0)}
        aria-label={t('回放进度')}
        onChange={(e) => {
          const el = video.current;
          if (el) el.currentTime = Number(e.target.value);
        }}
      />
      <span className="live-progress-time">{clipTime(duration)}</span>
    </div>
  );
}
