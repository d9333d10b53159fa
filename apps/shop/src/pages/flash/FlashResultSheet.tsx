import { Button, Popup, SpinLoading } from 'antd-mobile';
import { CheckCircleFill, CloseCircleFill, ExclamationCircleFill } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { FlashCountdown, useServerNow, useSlotTime } from '../../components/FlashCountdown.tsx';
import { Price } from '../../components/Price.tsx';
import { useT } from '../../i18n/index.tsx';
import type { TapState } from './useFlashTap.ts';

/**
 * What became of the tap, as a bottom sheet: 抢购中… while the request is out (bounded), then 抢到了 / 未抢到 /
 * the server's own reason. It cannot be dismissed while waiting, so the shopper does not tap again blind.
 */
export function FlashResultSheet({
  itemId,
  startsAt,
  state,
  onClose,
  onRetry,
}: {
  itemId: string;
  startsAt: string;
  state: TapState;
  onClose: () => void;
  onRetry: () => void;
}) {
  const busy = state.phase === 'pending' || state.phase === 'checking';
  return (
    <Popup
      visible={state.phase !== 'idle'}
      onMaskClick={busy ? undefined : onClose}
      onClose={busy ? undefined : onClose}
      bodyClassName="flash-sheet"
      destroyOnClose
    >
      <div role="status" aria-live="polite" data-testid="flash-result" data-phase={state.phase}>
        <SheetBody itemId={itemId} startsAt={startsAt} state={state} onClose={onClose} onRetry={onRetry} />
      </div>
    </Popup>
  );
}

function Outcome({ icon, title, children }: { icon: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="flash-outcome">
      <span className="flash-outcome-icon">{icon}</span>
      <h2 className="flash-outcome-title">{title}</h2>
      {children}
    </div>
  );
}

function SheetBody({
  itemId,
  startsAt,
  state,
  onClose,
  onRetry,
}: {
  itemId: string;
  startsAt: string;
  state: TapState;
  onClose: () => void;
  onRetry: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const now = useServerNow();
  const slotTime = useSlotTime();
  const closeButton = (
    <Button block shape="rounded" onClick={onClose}>
      {t('知道了')}
    </Button>
  );

  switch (state.phase) {
    case 'idle':
      return null;
    case 'pending':
    case 'checking':
      return (
        <Outcome icon={<SpinLoading color="primary" style={{ '--size': '44px' }} />} title={t('抢购中…')}>
          <p className="flash-outcome-text">
            {state.phase === 'pending' ? t('正在为你排队抢购，请不要离开') : t('网络有点慢，正在确认你的抢购结果')}
          </p>
        </Outcome>
      );
    case 'won': {
      const p = state.purchase;
      const open = p.status === 'reserved' && Date.parse(p.payDeadline) > now;
      return (
        <Outcome icon={<CheckCircleFill className="ok" />} title={t('抢到了！')}>
          <p className="flash-outcome-text">
            {t('已为你生成订单，应付')} <Price fen={p.payAmount} size={18} />
          </p>
          {open ? (
            <p className="flash-outcome-text">
              {t('请在')} <FlashCountdown until={p.payDeadline} now={now} className="small" />{' '}
              {t('内付款，超时名额将释放给其他人')}
            </p>
          ) : p.status === 'paid' ? (
            <p className="flash-outcome-text">{t('该订单已支付')}</p>
          ) : null}
          <div className="flash-outcome-actions">
            {open ? (
              <Button
                block
                color="primary"
                shape="rounded"
                onClick={() => void navigate(`/pay/${p.checkoutId}`)}
                data-testid="flash-go-pay"
              >
                {t('去支付')}
              </Button>
            ) : (
              <Button block color="primary" shape="rounded" onClick={() => void navigate(`/orders/${p.orderId}`)}>
                {t('查看订单')}
              </Button>
            )}
            <Button block shape="rounded" onClick={onClose}>
              {t('稍后支付')}
            </Button>
          </div>
        </Outcome>
      );
    }
    case 'unknown':
      return (
        <Outcome icon={<ExclamationCircleFill className="warn" />} title={t('未抢到，请重试')}>
          <p className="flash-outcome-text">
            {t('网络较慢，没有等到抢购结果，也没有查到你的订单。再试一次不会重复下单。')}
          </p>
          <div className="flash-outcome-actions">
            <Button block color="primary" shape="rounded" onClick={onRetry} data-testid="flash-retry">
              {t('再试一次')}
            </Button>
            {closeButton}
          </div>
        </Outcome>
      );
    case 'refused': {
      if (state.type === 'flash-sold-out') {
        return (
          <Outcome icon={<CloseCircleFill className="fail" />} title={t('未抢到')}>
            <p className="flash-outcome-text">
              {t('手慢了，商品已被抢光。有人超时未付款时名额会释放，可以稍后再来看看。')}
            </p>
            <div className="flash-outcome-actions">{closeButton}</div>
          </Outcome>
        );
      }
      const action =
        state.type === 'address-required' ? (
          <Button
            block
            color="primary"
            shape="rounded"
            onClick={() => void navigate(`/me/addresses/new?back=${encodeURIComponent(`/flash/${itemId}`)}`)}
            data-testid="flash-add-address"
          >
            {t('去添加地址')}
          </Button>
        ) : state.type === 'flash-limit-reached' ? (
          <Button block color="primary" shape="rounded" onClick={() => void navigate('/me/flash')}>
            {t('查看我的秒杀')}
          </Button>
        ) : null;
      // The server's detail for not-started carries a raw timestamp; say the start time as the page does.
      const detail =
        state.type === 'flash-not-started' ? t('{time} 开抢', { time: slotTime(startsAt, now) }) : state.detail;
      return (
        <Outcome icon={<ExclamationCircleFill className="warn" />} title={state.title}>
          {detail && <p className="flash-outcome-text">{detail}</p>}
          <div className="flash-outcome-actions">
            {action}
            {closeButton}
          </div>
        </Outcome>
      );
    }
  }
}
