import { Link } from 'react-router';
import type { FlashItem } from '../../api/flash.ts';
import { useSlotTime } from '../../components/FlashCountdown.tsx';
import { useT } from '../../i18n/index.tsx';

/**
 * 会员优先购 on a limited-edition slot: the tiers' early starts for everyone, and — when the signed-in buyer's tier
 * has one — their own start (the server's `myStartsAt`, which the countdown and the button follow).
 */
export function MemberEarlyNote({ item, now }: { item: Pick<FlashItem, 'startsAt' | 'myStartsAt'>; now: number }) {
  const t = useT();
  const slotTime = useSlotTime();
  const mine = Date.parse(item.myStartsAt);
  const early = mine < Date.parse(item.startsAt);
  return (
    <div className="flash-early" data-testid="flash-early">
      <span className="flash-early-tag">{t('会员优先购')}</span>
      <span className="grow">
        {t('金卡会员提前30分钟抢 · 黑钻提前60分钟')}
        {early ? (
          <b className="flash-early-mine">
            {now < mine
              ? t('你的会员等级可在 {time} 开抢', { time: slotTime(item.myStartsAt, now) })
              : now < Date.parse(item.startsAt)
                ? t('会员提前抢购中，{time} 对所有人开放', { time: slotTime(item.startsAt, now) })
                : t('你的会员等级已提前开抢')}
          </b>
        ) : (
          <Link to="/membership" className="flash-early-more">
            {t('了解会员等级')} ›
          </Link>
        )}
      </span>
    </div>
  );
}
