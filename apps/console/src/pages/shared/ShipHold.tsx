import { Alert, Button, Tooltip } from 'antd';
import type { StaffOrder } from '../../api/types.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { type Translate, useT } from '../../i18n/index.tsx';

type Held = Pick<StaffOrder, 'status' | 'shipHold'>;
type Hold = NonNullable<StaffOrder['shipHold']>;

/** Known holds in the console's language; a hold this build does not know shows the server's Chinese text. */
function holdText(t: Translate, hold: Hold): { tag: string; reason: string } {
  if (hold.code === 'group_buy') return { tag: t('待成团'), reason: t('拼团尚未成团，成团后才能发货') };
  if (hold.code === 'authentication')
    return {
      tag: t('需先寄往鉴定中心'),
      reason: t('需先寄往鉴定中心：鉴定通过后由鉴定中心转寄买家，不能直接发给买家'),
    };
  return { tag: hold.tag, reason: hold.reason };
}

/** 「待成团」-style tag for a paid order that may not ship yet (the server says why: `shipHold`). */
export function ShipHoldTag({ order }: { order: Held }) {
  const t = useT();
  if (!order.shipHold || order.status !== 'paid') return null;
  return (
    <StatusTag color="gold" testId="ship-hold-tag">
      {holdText(t, order.shipHold).tag}
    </StatusTag>
  );
}

/**
 * The 发货 button of a paid order. While the order is held (e.g. the group has not filled) it stays visible but
 * disabled, with the reason beside it on hover and for screen readers, so the merchant knows why and when.
 */
export function ShipButton({ order, onShip, size }: { order: Held; onShip: () => void; size?: 'small' | 'middle' }) {
  const t = useT();
  if (order.status !== 'paid') return null;
  const hold = order.shipHold ? holdText(t, order.shipHold) : null;
  const button = (
    <Button
      size={size}
      type="primary"
      onClick={onShip}
      disabled={hold !== null}
      aria-label={hold ? `${t('发货')}（${hold.reason}）` : undefined}
      data-testid="ship-button"
    >
      {t('发货')}
    </Button>
  );
  return hold ? <Tooltip title={hold.reason}>{button}</Tooltip> : button;
}

/** On the order page: why it cannot ship yet, above everything else. */
export function ShipHoldNotice({ order }: { order: Held }) {
  const t = useT();
  if (!order.shipHold || order.status !== 'paid') return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('暂不能发货')}
      description={holdText(t, order.shipHold).reason}
      data-testid="ship-hold-alert"
    />
  );
}
