import { Button } from 'antd-mobile';
import { BellOutline, CheckOutline } from 'antd-mobile-icons';
import { Link } from 'react-router';
import { type LiveDetail, useReminder } from '../../api/live.ts';
import { FlashCountdown, useServerNow, useSlotTime } from '../../components/FlashCountdown.tsx';
import { Price } from '../../components/Price.tsx';
import { useT } from '../../i18n/index.tsx';
import { HostAvatar, HostBadges, RoomTopBar } from './RoomTopBar.tsx';
import { useBuyFlow } from './useBuyFlow.ts';

/** Before the show (status scheduled): cover, countdown, 预约提醒 and a preview of the products. */
export function WarmUp({ room }: { room: LiveDetail }) {
  const t = useT();
  const now = useServerNow();
  const slotTime = useSlotTime();
  const reminder = useReminder(room.id);
  const flow = useBuyFlow(room.id);
  const due = Date.parse(room.scheduledAt) <= now;

  return (
    <div className="live-room warmup" data-testid="live-room" data-status="scheduled">
      <div
        className="live-video live-cover"
        style={room.coverUrl ? { backgroundImage: `url(${room.coverUrl})` } : undefined}
      />
      <div className="live-shade strong" aria-hidden />
      <RoomTopBar room={room} viewers={null} />
      <section className="live-warmup">
        <span className="live-status-tag upcoming">{t('直播预告')}</span>
        <h2 className="live-warmup-title">{room.title}</h2>
        <p className="live-warmup-when">{t('{time} 开播', { time: slotTime(room.scheduledAt, now) })}</p>
        {due ? (
          <p className="live-warmup-count" role="status">
            {t('主播正在准备，马上开始…')}
          </p>
        ) : (
          <div className="live-warmup-count">
            <span>{t('距开播')}</span>
            <FlashCountdown until={room.scheduledAt} now={now} className="big" />
          </div>
        )}
        <Button
          color={room.reminded ? 'default' : 'primary'}
          shape="rounded"
          className="live-remind"
          loading={reminder.isPending}
          onClick={() => (flow.signedIn ? reminder.mutate(!room.reminded) : flow.login())}
          data-testid="live-remind"
        >
          {room.reminded ? (
            <>
              <CheckOutline aria-hidden /> {t('已预约，开播时提醒你')}
            </>
          ) : (
            <>
              <BellOutline aria-hidden /> {t('预约提醒')}
            </>
          )}
        </Button>
        <p className="live-warmup-sub">{t('{n} 人已预约', { n: room.remindersCount })}</p>
        <div className="live-warmup-host">
          <HostAvatar room={room} size={28} />
          <span className="ellipsis">{room.merchant.name}</span>
          <HostBadges badges={room.badges} />
        </div>
      </section>

      <section className="live-warmup-products" aria-label={t('本场商品')}>
        <h3>{t('本场商品 · {n} 件', { n: room.products.length })}</h3>
        {room.products.length === 0 ? (
          <p className="live-empty">{t('商家还没有公布本场商品')}</p>
        ) : (
          <ul>
            {room.products.map((p) => (
              <li key={p.productId}>
                <Link to={`/product/${p.productId}`} className="live-preview-item" data-testid="live-preview-item">
                  {p.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : <span className="live-preview-img" />}
                  <span className="clamp-2">{p.title}</span>
                  <Price fen={p.price} size={14} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
