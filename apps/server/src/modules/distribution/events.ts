import type { Deps } from '../../deps.ts';
import { providePromoterCodes } from '../attribution/api.ts';
import {
  creditInviteReward,
  recordOrderCommissions,
  settleOrderCommissions,
  syncCommissionReversals,
} from './commissions.ts';
import { promoterCodeFor } from './promoters.ts';
import { EXECUTE_PAYOUT_JOB, executePayout, sealPlainHolderNames } from './withdrawals.ts';

// distribution publishes commission.recorded, commission.reversed, commission.settled, withdrawal.paid, withdrawal.failed,
// and provides attribution's promoter-code lookup (a touch from a promoter's share or post carries their code).

type OrderRef = { orderId: string };
type OrderLines = OrderRef & { lines: { lineId: string; affiliateCode?: string | null }[] };

export function wireDistribution(deps: Deps): void {
  providePromoterCodes(promoterCodeFor);
  const windowDays = () => deps.config.ATTRIBUTION_WINDOW_DAYS;
  deps.jobs.register<{ withdrawalId: string }>(EXECUTE_PAYOUT_JOB, (db, p) => executePayout(deps, db, p.withdrawalId));
  // Commission needs both the payment and the attribution stamp; whichever event comes second records it.
  deps.events.subscribe<OrderLines>('order.paid', 'distribution.record-on-paid', (db, e) =>
    recordOrderCommissions(
      db,
      e.payload.orderId,
      e.payload.lines.map((l) => l.lineId),
      deps.clock.now(),
      windowDays(),
    ),
  );
  deps.events.subscribe<OrderLines>('order.attributed', 'distribution.record-on-attributed', async (db, e) => {
    if (!e.payload.lines.some((l) => l.affiliateCode)) return;
    await recordOrderCommissions(
      db,
      e.payload.orderId,
      e.payload.lines.map((l) => l.lineId),
      deps.clock.now(),
      windowDays(),
    );
  });
  // Refunds: each of these may be the first to see a line's new refundedAmount; the sync is cumulative.
  for (const type of ['refund.completed', 'aftersale.completed', 'order.closed']) {
    deps.events.subscribe<OrderRef>(type, `distribution.reverse-on-${type}`, (db, e) =>
      syncCommissionReversals(db, e.payload.orderId, e.id, deps.clock.now()),
    );
  }
  deps.events.subscribe<OrderRef>('order.completed', 'distribution.settle', (db, e) =>
    settleOrderCommissions(db, e.payload.orderId, e.id, deps.clock.now()),
  );
  deps.events.subscribe<Parameters<typeof creditInviteReward>[1]>(
    'invitation.rewarded',
    'distribution.invite-reward',
    (db, e) => creditInviteReward(db, e.payload),
  );
}

/** Module start: payout holder names written before sealing are sealed (docs/PRIVACY.md "Encryption at rest"). */
export async function initDistribution(deps: Deps): Promise<void> {
  const sealed = await sealPlainHolderNames(deps);
  if (sealed > 0) deps.log.info({ payoutAccounts: sealed }, 'distribution: sealed plain holder names');
}
