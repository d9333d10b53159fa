import { useQueryClient } from '@tanstack/react-query';
import { Button, Popup, Result } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { newIdempotencyKey, problemTitle } from '../../api/client.ts';
import { payInSandbox } from '../../api/live.ts';
import { orderKeys, type PlacedCheckout } from '../../api/orders.ts';
import { PostBuySheet } from '../../components/PostBuySheet.tsx';
import { Price } from '../../components/Price.tsx';
import { useT } from '../../i18n/index.tsx';
import { yuan } from '../../lib/money.ts';

type Step = { kind: 'sku' } | { kind: 'pay'; placed: PlacedCheckout } | { kind: 'paid'; placed: PlacedCheckout };

/**
 * Buying without leaving the room: the SKU sheet (shared with posts) places the order, then the sandbox payment
 * happens in a sheet over the video. The caller has already recorded the product click, so the order is the session's.
 */
export function LiveBuySheet({ productId, onClose }: { productId: string; onClose: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'sku' });
  if (step.kind === 'sku') {
    return (
      <PostBuySheet productId={productId} onClose={onClose} onPlaced={(placed) => setStep({ kind: 'pay', placed })} />
    );
  }
  return <PaySheet step={step} onPaid={(placed) => setStep({ kind: 'paid', placed })} onClose={onClose} />;
}

function PaySheet({
  step,
  onPaid,
  onClose,
}: {
  step: Exclude<Step, { kind: 'sku' }>;
  onPaid: (placed: PlacedCheckout) => void;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per payment attempt; a failed attempt closes that payment, so the next tap opens a fresh one.
  const payKey = useRef(newIdempotencyKey());
  const { placed } = step;

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await payInSandbox(placed.checkoutId, payKey.current);
      if (result.status === 'failed' || result.status === 'pending') throw new Error(t('支付未成功，请重试'));
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      onPaid(placed);
    } catch (err) {
      payKey.current = newIdempotencyKey();
      setError(problemTitle(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible onMaskClick={busy ? undefined : onClose} bodyClassName="live-pay-sheet" destroyOnClose>
      {step.kind === 'paid' ? (
        <div data-testid="live-paid">
          <Result status="success" title={t('支付成功')} description={t('订单已提交，商家会尽快发货')} />
          <div className="live-pay-actions">
            <Button block shape="rounded" onClick={() => void navigate(`/orders/${placed.orders[0]?.id ?? ''}`)}>
              {t('查看订单')}
            </Button>
            <Button block shape="rounded" color="primary" onClick={onClose} data-testid="live-paid-back">
              {t('继续看直播')}
            </Button>
          </div>
        </div>
      ) : (
        <div data-testid="live-pay">
          <h2 className="live-sheet-title">{t('确认支付')}</h2>
          <div className="live-pay-amount">
            <span className="muted">{t('应付金额')}</span>
            <Price fen={placed.amount} size={32} />
          </div>
          <p className="muted live-pay-note">{t('沙箱支付：演示环境的支付渠道，不会真实扣款')}</p>
          {error && (
            <p className="live-pay-error" role="alert">
              {error}
            </p>
          )}
          <div className="live-pay-actions">
            <Button block shape="rounded" disabled={busy} onClick={() => void navigate(`/pay/${placed.checkoutId}`)}>
              {t('稍后支付')}
            </Button>
            <Button
              block
              shape="rounded"
              color="primary"
              loading={busy}
              onClick={() => void pay()}
              data-testid="live-pay-button"
            >
              {t('支付 ¥{amount}', { amount: yuan(placed.amount) })}
            </Button>
          </div>
        </div>
      )}
    </Popup>
  );
}
