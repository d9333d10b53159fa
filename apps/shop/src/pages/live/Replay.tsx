import { PlayOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useRef, useState } from 'react';
import type { LiveClip, LiveDetail } from '../../api/live.ts';
import { useFormatTime, useT } from '../../i18n/index.tsx';
import { clipTime } from './format.ts';
import { LiveBuySheet } from './LiveBuySheet.tsx';
import { LiveVideo } from './LiveVideo.tsx';
import { ProductBag } from './ProductCards.tsx';
import { ReplayProgress } from './ReplayProgress.tsx';
import { RoomTopBar } from './RoomTopBar.tsx';
import { useBuyFlow } from './useBuyFlow.ts';

/** After the show: the recording, a 看讲解 jump per product (the offset of its pin) and the product bag. */
export function Replay({ room }: { room: LiveDetail }) {
  const t = useT();
  const formatTime = useFormatTime();
  const video = useRef<HTMLVideoElement>(null);
  const flow = useBuyFlow(room.id);
  const [bagOpen, setBagOpen] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const imageOf = (productId: string) => room.products.find((p) => p.productId === productId)?.imageUrl ?? null;

  const jump = (clip: LiveClip) => {
    const el = video.current;
    setBagOpen(false);
    setCurrent(clip.productId);
    if (!el) return;
    // The sample clip is shorter than a real show: wrap so the jump still lands inside it.
    el.currentTime =
      Number.isFinite(el.duration) && el.duration > 0 ? clip.offsetSeconds % el.duration : clip.offsetSeconds;
    void el.play().catch(() => undefined);
  };

  return (
    <div className="live-room replay" data-testid="live-room" data-status="ended">
      <LiveVideo src={room.playbackUrl} poster={room.posterUrl} loop={false} videoRef={video} />
      <div className="live-shade" aria-hidden />
      <RoomTopBar room={room} viewers={null} />
      <p className="live-replay-tag">
        <span className="live-status-tag replay">{t('回放')}</span>
        {room.endedAt && t('{time} 直播结束', { time: formatTime(room.endedAt) })}
      </p>

      <div className="live-bottom">
        {room.clips.length > 0 && (
          <section className="live-clips" aria-label={t('商品讲解片段')}>
            <h2 className="sr-only">{t('商品讲解片段')}</h2>
            <ul>
              {room.clips.map((c) => (
                <li key={`${c.productId}-${c.offsetSeconds}`}>
                  <button
                    type="button"
                    className={`live-clip${current === c.productId ? ' on' : ''}`}
                    onClick={() => jump(c)}
                    data-testid="live-clip"
                  >
                    {imageOf(c.productId) ? (
                      <img src={imageOf(c.productId) ?? ''} alt="" />
                    ) : (
                      <span className="live-clip-img" />
                    )}
                    <span className="live-clip-text">
                      <span className="ellipsis">{c.title}</span>
                      <span className="live-clip-go">
                        <PlayOutline aria-hidden /> {t('看讲解 {time}', { time: clipTime(c.offsetSeconds) })}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <ReplayProgress video={video} />
        <div className="live-footer-row">
          <button
            type="button"
            className="live-bag wide"
            onClick={() => setBagOpen(true)}
            data-testid="live-bag-button"
          >
            <ShopbagOutline aria-hidden /> {t('商品袋 · {n} 件', { n: room.products.length })}
          </button>
        </div>
      </div>

      <ProductBag
        open={bagOpen}
        products={room.products}
        pinnedId={null}
        clips={room.clips}
        onClip={jump}
        onBuy={(id) => {
          setBagOpen(false);
          flow.buy(id);
        }}
        onClose={() => setBagOpen(false)}
      />
      {flow.buying && <LiveBuySheet key={flow.buying} productId={flow.buying} onClose={flow.close} />}
    </div>
  );
}
