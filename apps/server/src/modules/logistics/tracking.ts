import { and, asc, desc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { TrackingUnavailable } from '../../platform/tracking.ts';
import { courierCode } from './carriers.ts';
import { trackingEvents, type TrackingStatus, trackingSubscriptions } from './schema.ts';

const TRACKING_LABEL: Record<TrackingStatus, string> = {
  collected: '已揽收',
  in_transit: '运输中',
  delivering: '派送中',
  signed: '已签收',
  exception: '物流异常',
};
const RANK: Record<TrackingStatus, number> = { collected: 1, in_transit: 2, delivering: 3, signed: 4, exception: 0 };

/**
 * 快递100's state codes (实时推送 lastResult.state; with resultv2 a sub-state such as 301 or 501 whose first digit is
 * the main state): 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回, 7 转投, 8 清关, 14 拒签.
 */
export function statusOfState(state: string): TrackingStatus {
  const n = Number(state);
  const main = n === 14 || n < 10 ? n : Math.floor(n / 100);
  if (main === 1) return 'collected';
  if (main === 3) return 'signed';
  if (main === 5) return 'delivering';
  if (main === 0 || main === 7 || main === 8) return 'in_transit';
  return 'exception';
}

const SCAN_STATUS: Record<string, TrackingStatus> = {
  揽收: 'collected',
  在途: 'in_transit',
  转投: 'in_transit',
  清关: 'in_transit',
  派件: 'delivering',
  签收: 'signed',
};

/** order.shipped: follow the waybill at the provider. A provider outage throws, so the outbox retries later. */
export async function subscribeTracking(
  db: Db,
  deps: Deps,
  input: { orderId: string; carrier: string; trackingNo: string },
): Promise<void> {
  const now = deps.clock.now();
  const carrierCode = courierCode(input.carrier) ?? 'auto';
  await db
    .insert(trackingSubscriptions)
    .values({
      id: newId('trk'),
      orderId: input.orderId,
      carrier: input.carrier,
      carrierCode,
      trackingNo: input.trackingNo,
      provider: deps.tracking.name,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [sub] = await db
    .select()
    .from(trackingSubscriptions)
    .where(eq(trackingSubscriptions.orderId, input.orderId))
    .for('update');
  if (!sub || sub.subscribedAt || sub.error) return;
  try {
    const outcome = await deps.tracking.subscribe({ carrierCode, trackingNo: input.trackingNo });
    await db
      .update(trackingSubscriptions)
      .set(
        outcome.ok
          ? { subscribedAt: now, updatedAt: now }
          : { error: `${outcome.code} ${outcome.message}`, updatedAt: now },
      )
      .where(eq(trackingSubscriptions.id, sub.id));
    if (!outcome.ok) deps.log.warn({ orderId: input.orderId, code: outcome.code }, 'tracking subscription refused');
  } catch (err) {
    if (err instanceof TrackingUnavailable)
      deps.log.warn({ orderId: input.orderId, err: err.message }, 'tracking provider unavailable, will retry');
    throw err;
  }
}

interface PushBody {
  status?: string;
  lastResult?: {
    com?: string;
    nu?: string;
    state?: string;
    data?: { context?: string; time?: string; ftime?: string; status?: string }[];
  };
}

/** What 快递100 expects back; anything but result=true makes it push the same scans again later. */
export interface PushAnswer {
  result: boolean;
  returnCode: string;
  message: string;
}

const badSignature = () => new AppError('bad-signature', 401, '推送签名无效', 'sign 与 param + salt 的 MD5 不符');

/**
 * A 快递100 push (form fields param and sign). The signature is checked over the exact param text before anything
 * is read; scans already stored are skipped, so a repeated push changes nothing and emits nothing. A status that
 * moves the parcel forward is published for the order's timeline; 已签收 also starts the auto-confirm countdown.
 */
export async function receiveTrackingPush(deps: Deps, body: { param?: string; sign?: string }): Promise<PushAnswer> {
  if (deps.tracking.name !== 'kuaidi100' || !body.param || !body.sign) throw badSignature();
  if (!deps.tracking.verifyPush(body.param, body.sign)) throw badSignature();
  let push: PushBody;
  try {
    push = JSON.parse(body.param) as PushBody;
  } catch {
    throw new AppError('validation-failed', 400, '推送内容不是有效的 JSON');
  }
  const last = push.lastResult;
  if (!last?.nu || !last.com) throw new AppError('validation-failed', 400, '推送缺少运单号或快递公司');
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(trackingSubscriptions)
      .where(and(eq(trackingSubscriptions.carrierCode, last.com!), eq(trackingSubscriptions.trackingNo, last.nu!)))
      .orderBy(desc(trackingSubscriptions.createdAt))
      .limit(1)
      .for('update');
    // Not ours (or an order since erased): acknowledge, so the aggregator stops pushing it.
    if (!sub) return { result: true, returnCode: '200', message: '成功' };
    const scans = (last.data ?? [])
      .map((d) => ({ at: beijingTime(d.ftime ?? d.time), text: (d.context ?? '').trim(), status: d.status }))
      .filter((d): d is { at: Date; text: string; status: string | undefined } => d.at !== null && d.text !== '');
    if (scans.length > 0)
      await tx
        .insert(trackingEvents)
        .values(
          scans.map((s) => ({
            id: newId('tev'),
            subscriptionId: sub.id,
            orderId: sub.orderId,
            at: s.at,
            status: (s.status && SCAN_STATUS[s.status]) || 'in_transit',
            text: s.text,
            receivedAt: now,
          })),
        )
        .onConflictDoNothing();
    const status = statusOfState(last.state ?? '0');
    const latest = scans.reduce<Date | null>((a, s) => (a && a > s.at ? a : s.at), null) ?? now;
    const forward =
      sub.status === null ||
      RANK[status] > RANK[sub.status] ||
      (status === 'exception' && sub.status !== 'exception' && sub.status !== 'signed');
    if (!forward) return { result: true, returnCode: '200', message: '成功' };
    const signedAt = status === 'signed' ? latest : null;
    await tx
      .update(trackingSubscriptions)
      .set({ status, updatedAt: now, ...(signedAt ? { signedAt } : {}) })
      .where(eq(trackingSubscriptions.id, sub.id));
    await emit(tx, 'logistics.tracking_updated', {
      orderId: sub.orderId,
      status,
      label: TRACKING_LABEL[status],
      at: latest.toISOString(),
      text: scans.find((s) => s.at.getTime() === latest.getTime())?.text ?? TRACKING_LABEL[status],
    });
    return { result: true, returnCode: '200', message: '成功' };
  });
}

/** "2026-12-07 10:20:00" in Beijing time, as 快递100 writes it. */
function beijingTime(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
  const d = new Date(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface TrackingView {
  provider: string;
  status: TrackingStatus | null;
  statusLabel: string | null;
  nodes: { at: string; text: string; status: TrackingStatus }[];
}

/** The parcel's scans as the aggregator reported them, newest first; null when nothing was pushed (sandbox). */
export async function trackingOf(db: Db, orderId: string): Promise<TrackingView | null> {
  const [sub] = await db.select().from(trackingSubscriptions).where(eq(trackingSubscriptions.orderId, orderId));
  if (!sub || sub.provider === 'sandbox') return null;
  const scans = await db
    .select()
    .from(trackingEvents)
    .where(eq(trackingEvents.subscriptionId, sub.id))
    .orderBy(desc(trackingEvents.at), asc(trackingEvents.id));
  return {
    provider: sub.provider,
    status: sub.status,
    statusLabel: sub.status ? TRACKING_LABEL[sub.status] : null,
    nodes: scans.map((s) => ({ at: s.at.toISOString(), text: s.text, status: s.status })),
  };
}
