import { gunzipSync, gzipSync } from 'node:zlib';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import { type Ctx, makeCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { ConsentRecorder, DataSubject, InventoryEntry } from '../../platform/privacy.ts';
import { phonesOf } from '../accounts/api.ts';
import { openAfterSalesOfBuyer } from '../aftersales/api.ts';
import { forgetUser } from '../analytics/api.ts';
import { forgetDiscoveryHistory, getRecommendationSettings, setRecommendationSettings } from '../discovery/api.ts';
import { getMarketingPreference, setMarketingPreference } from '../lifecycle/api.ts';
import { openOrdersOfBuyer } from '../orders/api.ts';
import { accessesOfSubject } from '../staff/api.ts';
import { registry } from './registry.ts';
import {
  accountCancellations,
  type ConsentPurpose,
  privacyConsentRecords,
  privacyConsents,
  privacyExports,
} from './schema.ts';

export const JOB_BUILD_EXPORT = 'privacy.build-export';
export const JOB_EXPIRE_EXPORT = 'privacy.expire-export';
export const JOB_ERASE_ACCOUNT = 'privacy.erase-account';

/** The privacy policy's versions, oldest first; publishing a new one asks every user to consent again. */
const POLICY_VERSIONS = [
  {
    version: '2026-12-01',
    publishedAt: '2026-12-01',
    summary: '新增隐私中心：查看收集的数据、下载我的数据、删除行为记录、注销账号（15 天冷静期）。',
  },
];
const currentPolicy = () => POLICY_VERSIONS.at(-1)!.version;

const refuse = refusals({
  'policy-outdated': [409, '隐私政策已更新，请刷新后再同意'],
  'export-in-progress': [409, '上一份数据正在生成，请稍候'],
  'export-expired': [410, '下载链接已过期，请重新申请'],
  'export-not-ready': [409, '数据还在生成中'],
  'cancellation-pending': [409, '已提交注销申请'],
  'no-cancellation': [409, '没有进行中的注销申请'],
  'staff-cannot-cancel': [409, '商家或平台工作人员账号不能自助注销'],
  'open-orders': [409, '还有未完成的订单，暂不能注销'],
  'open-after-sales': [409, '还有处理中的售后，暂不能注销'],
});

const CONSENT_TEXT: Record<Exclude<ConsentPurpose, 'policy'>, { title: string; description: string }> = {
  marketing: { title: '营销消息', description: '会员日、优惠提醒等促销消息；关闭后仍会收到订单与售后通知' },
  personalisation: {
    title: '个性化推荐',
    description: '根据购买与发布推荐商品；关闭后首页与商品页推荐对所有人相同（与“推荐设置”是同一个开关）',
  },
  location: { title: '位置信息', description: '用所在城市推荐附近门店与同城优惠；关闭后不使用位置' },
  analytics: { title: '使用情况统计', description: '匿名统计浏览与点击，改进页面；关闭后不再记录本人的浏览行为' },
};

/** The same request inside a transaction (other modules' ctx.tx then nest as savepoints). */
const within = (ctx: Ctx, db: Db): Ctx => makeCtx(ctx.deps, ctx.actor, { db, requestId: ctx.requestId, ip: ctx.ip });

async function ownConsent(ctx: Ctx, userId: string, purpose: ConsentPurpose) {
  const [row] = await ctx.db
    .select()
    .from(privacyConsents)
    .where(and(eq(privacyConsents.userId, userId), eq(privacyConsents.purpose, purpose)));
  return row;
}

/** 使用情况统计: on unless the person switched it off (the analytics module asks before keeping their events). */
export async function analyticsAllowed(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ granted: privacyConsents.granted })
    .from(privacyConsents)
    .where(and(eq(privacyConsents.userId, userId), eq(privacyConsents.purpose, 'analytics')));
  return row?.granted ?? true;
}

/** The consent recorder lifecycle and discovery call from their own settings pages (platform/privacy.ts). */
export const recordConsentChange: ConsentRecorder = (db, change) =>
  insertConsent(db, change.userId, change.purpose, change.granted, currentPolicy(), change.at);

const record = (ctx: Ctx, userId: string, purpose: ConsentPurpose, granted: boolean, version: string) =>
  insertConsent(ctx.db, userId, purpose, granted, version, ctx.now());

async function insertConsent(
  db: Db,
  userId: string,
  purpose: ConsentPurpose,
  granted: boolean,
  version: string,
  now: Date,
) {
  await db
    .insert(privacyConsents)
    .values({ userId, purpose, granted, policyVersion: version, updatedAt: now })
    .onConflictDoUpdate({
      target: [privacyConsents.userId, privacyConsents.purpose],
      set: { granted, policyVersion: version, updatedAt: now },
    });
  await db
    .insert(privacyConsentRecords)
    .values({ id: newId('cns'), userId, purpose, granted, policyVersion: version, recordedAt: now });
}

/** The privacy centre: the policy and whether it needs consent, each switch, and any cancellation in progress. */
export async function privacyCentre(ctx: Ctx) {
  const { userId } = requireUser(ctx.actor);
  const policy = await ownConsent(ctx, userId, 'policy');
  const accepted = policy?.granted ? policy.policyVersion : null;
  const marketing = (await getMarketingPreference(ctx)).marketing;
  const personalised = (await getRecommendationSettings(ctx)).personalised;
  const location = await ownConsent(ctx, userId, 'location');
  const analytics = await ownConsent(ctx, userId, 'analytics');
  const granted: Record<Exclude<ConsentPurpose, 'policy'>, boolean> = {
    marketing,
    personalisation: personalised,
    location: location?.granted ?? false,
    analytics: analytics?.granted ?? true,
  };
  return {
    policy: {
      current: currentPolicy(),
      accepted,
      needsConsent: accepted !== currentPolicy(),
      versions: [...POLICY_VERSIONS].reverse(),
    },
    consents: (Object.keys(CONSENT_TEXT) as (keyof typeof CONSENT_TEXT)[]).map((purpose) => ({
      purpose,
      ...CONSENT_TEXT[purpose],
      granted: granted[purpose],
    })),
    cancellation: await currentCancellation(ctx, userId),
  };
}

export async function acceptPolicy(ctx: Ctx, version: string): Promise<Result<{ accepted: string }>> {
  const { userId } = requireUser(ctx.actor);
  if (version !== currentPolicy()) return refuse('policy-outdated', `当前版本为 ${currentPolicy()}`);
  await ctx.tx((db) => record(within(ctx, db), userId, 'policy', true, version));
  return ok({ accepted: version });
}

/**
 * One switch per purpose. Marketing and personalisation are the lifecycle and discovery modules' own switches (so
 * the settings pages and this centre are one setting); every change made here is recorded with the policy version.
 */
export async function setConsent(ctx: Ctx, purpose: Exclude<ConsentPurpose, 'policy'>, granted: boolean) {
  const { userId } = requireUser(ctx.actor);
  await ctx.tx(async (db) => {
    const c = within(ctx, db);
    // The two switches other modules own record the change themselves (through the consent recorder below).
    if (purpose === 'marketing') await setMarketingPreference(c, granted);
    else if (purpose === 'personalisation') await setRecommendationSettings(c, { personalised: granted });
    else await record(c, userId, purpose, granted, currentPolicy());
  });
  return privacyCentre(ctx);
}

export async function consentRecords(ctx: Ctx, page: { cursor?: string; limit: number }) {
  const { userId } = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(privacyConsentRecords)
    .where(
      and(
        eq(privacyConsentRecords.userId, userId),
        page.cursor ? lt(privacyConsentRecords.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(privacyConsentRecords.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    purpose: r.purpose,
    granted: r.granted,
    policyVersion: r.policyVersion,
    recordedAt: r.recordedAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}

/** Which kinds of platform staff read this person's data, when and what (隐私中心 → 平台访问记录); never who. */
export async function staffAccesses(ctx: Ctx, page: { cursor?: string; limit: number }) {
  const { userId } = requireUser(ctx.actor);
  return accessesOfSubject(ctx.db, userId, page);
}

/** What is collected and why, straight from each module's declaration next to its schema. */
export function inventory(): { items: InventoryEntry[] } {
  return { items: registry.flatMap((m) => m.inventory) };
}

// ---- download my data ----

type ExportRow = typeof privacyExports.$inferSelect;
const exportDto = (e: ExportRow, now: Date) => ({
  id: e.id,
  status: e.status === 'ready' && e.expiresAt && e.expiresAt <= now ? ('expired' as const) : e.status,
  requestedAt: e.requestedAt.toISOString(),
  readyAt: e.readyAt?.toISOString() ?? null,
  expiresAt: e.expiresAt?.toISOString() ?? null,
  sizeBytes: e.sizeBytes,
  tableCount: e.tableCount,
  rowCount: e.rowCount,
});

export async function requestExport(ctx: Ctx): Promise<Result<ReturnType<typeof exportDto>>> {
  const { userId } = requireUser(ctx.actor);
  const now = ctx.now();
  return ctx.tx(async (db) => {
    const [pending] = await db
      .select({ id: privacyExports.id })
      .from(privacyExports)
      .where(and(eq(privacyExports.userId, userId), eq(privacyExports.status, 'pending')));
    if (pending) return refuse('export-in-progress');
    const [row] = await db
      .insert(privacyExports)
      .values({ id: newId('dex'), userId, status: 'pending', requestedAt: now })
      .returning();
    await ctx.deps.jobs.enqueue(db, JOB_BUILD_EXPORT, { exportId: row!.id }, { runAt: now, key: row!.id });
    return ok(exportDto(row!, now));
  });
}

export async function listExports(ctx: Ctx) {
  const { userId } = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(privacyExports)
    .where(eq(privacyExports.userId, userId))
    .orderBy(desc(privacyExports.requestedAt))
    .limit(10);
  return { items: rows.map((r) => exportDto(r, ctx.now())) };
}

/** Every row each module holds about the person, and their behaviour events, as one JSON document. */
export async function collectEverything(deps: Deps, db: Db, who: DataSubject) {
  const modules: Record<string, Record<string, unknown[]>> = {};
  for (const m of registry) modules[m.module] = await m.collect(deps, db, who);
  // A previous archive is not part of the next one (it would nest every earlier download).
  for (const row of modules.privacy?.privacy_exports ?? []) delete (row as { archive?: unknown }).archive;
  return modules;
}

/** The job: `db` is its transaction, so the archive and the status change commit together. */
export async function buildExport(deps: Deps, db: Db, exportId: string): Promise<void> {
  const [row] = await db.select().from(privacyExports).where(eq(privacyExports.id, exportId));
  if (!row || row.status !== 'pending') return;
  const phone = (await phonesOf(deps, db, [row.userId])).get(row.userId) ?? '';
  const now = deps.clock.now();
  const modules = await collectEverything(deps, db, { userId: row.userId, phone });
  const tables = Object.values(modules).flatMap((t) => Object.values(t));
  const doc = {
    format: 'haowu-personal-data/1',
    generatedAt: now.toISOString(),
    userId: row.userId,
    policyVersion: currentPolicy(),
    inventory: inventory().items,
    modules,
  };
  const json = JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
  const archive = gzipSync(json);
  const expiresAt = new Date(now.getTime() + deps.config.DATA_EXPORT_TTL_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    await tx
      .update(privacyExports)
      .set({
        status: 'ready',
        readyAt: now,
        expiresAt,
        archive,
        sizeBytes: Buffer.byteLength(json),
        tableCount: tables.length,
        rowCount: tables.reduce((n, rows) => n + rows.length, 0),
      })
      .where(eq(privacyExports.id, exportId));
    await deps.jobs.enqueue(tx, JOB_EXPIRE_EXPORT, { exportId }, { runAt: expiresAt, key: `expire:${exportId}` });
  });
}

export async function expireExport(db: Db, exportId: string): Promise<void> {
  await db
    .update(privacyExports)
    .set({ status: 'expired', archive: null })
    .where(and(eq(privacyExports.id, exportId), eq(privacyExports.status, 'ready')));
}

/** The archive, for its owner only, until it expires. */
export async function downloadExport(ctx: Ctx, exportId: string): Promise<Result<{ fileName: string; json: Buffer }>> {
  const { userId } = requireUser(ctx.actor);
  const [row] = await ctx.db
    .select()
    .from(privacyExports)
    .where(and(eq(privacyExports.id, exportId), eq(privacyExports.userId, userId)));
  if (!row) throw notFound('数据文件', exportId);
  if (row.status === 'pending') return refuse('export-not-ready');
  if (row.status === 'expired' || !row.archive || (row.expiresAt && row.expiresAt <= ctx.now())) {
    return refuse('export-expired');
  }
  const day = row.readyAt!.toISOString().slice(0, 10);
  return ok({ fileName: `haowu-my-data-${day}.json`, json: gunzipSync(Buffer.from(row.archive)) });
}

// ---- delete specific data ----

/** Deletes one kind of data at the person's request; returns how many records went. */
export async function deleteData(ctx: Ctx, kind: 'behaviour' | 'interest-tags'): Promise<{ deleted: number }> {
  const { userId } = requireUser(ctx.actor);
  if (kind === 'interest-tags') {
    return { deleted: await forgetDiscoveryHistory(ctx.db, userId, { interactions: false, tags: true }, ctx.now()) };
  }
  const discovery = await forgetDiscoveryHistory(ctx.db, userId, { interactions: true, tags: true }, ctx.now());
  const analytics = await forgetUser(ctx.deps, userId);
  return { deleted: discovery + analytics.inbox + analytics.engine };
}

// ---- account cancellation ----

type CancellationRow = typeof accountCancellations.$inferSelect;
const cancellationDto = (c: CancellationRow) => ({
  id: c.id,
  status: c.status,
  requestedAt: c.requestedAt.toISOString(),
  eraseAt: c.eraseAt.toISOString(),
});

async function currentCancellation(ctx: Ctx, userId: string) {
  const [row] = await ctx.db
    .select()
    .from(accountCancellations)
    .where(and(eq(accountCancellations.userId, userId), eq(accountCancellations.status, 'pending')));
  return row ? cancellationDto(row) : null;
}

const eraseKey = (userId: string) => `erase:${userId}`;

/** Starts the cooling-off period; the account is erased when it ends unless the person revokes it first. */
export async function requestCancellation(ctx: Ctx): Promise<Result<ReturnType<typeof cancellationDto>>> {
  const user = requireUser(ctx.actor);
  if (user.roles.includes('operator') || user.staff.length > 0) return refuse('staff-cannot-cancel');
  const now = ctx.now();
  const eraseAt = new Date(now.getTime() + ctx.deps.config.ACCOUNT_COOLING_OFF_SECONDS * 1000);
  return ctx.tx(async (db) => {
    if (await currentCancellation(within(ctx, db), user.userId)) return refuse('cancellation-pending');
    // Money or goods still in flight would be orphaned by erasure: the person finishes or cancels them first.
    const openOrders = await openOrdersOfBuyer(db, user.userId);
    if (openOrders > 0)
      return refuse('open-orders', `有 ${openOrders} 个订单待付款、待发货或待收货，请在订单完成或取消后再申请注销`);
    const openAfterSales = await openAfterSalesOfBuyer(db, user.userId);
    if (openAfterSales > 0)
      return refuse('open-after-sales', `有 ${openAfterSales} 个售后正在处理，请在售后完成或撤销后再申请注销`);
    const [row] = await db
      .insert(accountCancellations)
      .values({ id: newId('acx'), userId: user.userId, status: 'pending', requestedAt: now, eraseAt })
      .returning();
    await ctx.deps.jobs.enqueue(
      db,
      JOB_ERASE_ACCOUNT,
      { cancellationId: row!.id },
      {
        runAt: eraseAt,
        key: eraseKey(user.userId),
      },
    );
    await emit(db, 'privacy.cancellation-requested', { userId: user.userId, eraseAt: eraseAt.toISOString() });
    return ok(cancellationDto(row!));
  });
}

/** 撤销注销: the person signed in during the cooling-off period and changed their mind. */
export async function revokeCancellation(ctx: Ctx): Promise<Result<{ revoked: true }>> {
  const { userId } = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    const [row] = await db
      .update(accountCancellations)
      .set({ status: 'revoked', revokedAt: ctx.now() })
      .where(and(eq(accountCancellations.userId, userId), eq(accountCancellations.status, 'pending')))
      .returning();
    if (!row) return refuse('no-cancellation');
    await ctx.deps.jobs.cancel(db, eraseKey(userId));
    return ok({ revoked: true as const });
  });
}

/**
 * The end of the cooling-off period: every module erases or anonymises its rows about the person through its own
 * declaration (accounts last: the phone is freed, the name becomes 匿名用户). Safe to retry; orders, payments and
 * the ledger keep their amounts, so the books stay balanced.
 */
export async function eraseAccount(deps: Deps, db: Db, cancellationId: string): Promise<void> {
  const [c] = await db.select().from(accountCancellations).where(eq(accountCancellations.id, cancellationId));
  if (!c || c.status !== 'pending' || c.eraseAt > deps.clock.now()) return;
  const phone = (await phonesOf(deps, db, [c.userId])).get(c.userId) ?? '';
  const who = { userId: c.userId, phone };
  const touched: Record<string, number> = {};
  for (const m of registry.filter((r) => !r.afterCommit)) {
    for (const [table, n] of Object.entries(await m.erase(deps, db, who))) touched[table] = n;
  }
  const erasedAt = deps.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(accountCancellations)
      .set({ status: 'erased', erasedAt })
      .where(eq(accountCancellations.id, cancellationId));
    await emit(tx, 'privacy.account-erased', { userId: c.userId, erasedAt: erasedAt.toISOString() });
  });
  deps.log.info({ userId: c.userId, touched }, 'account erased');
}

/**
 * The rest of each erasure, after its job committed: what lives outside PostgreSQL's transactions (behaviour
 * events in the analytics engine). Run by each serving process every few seconds (startPrivacy) and by tests.
 */
export async function finishErasures(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const due = await db
    .select()
    .from(accountCancellations)
    .where(and(eq(accountCancellations.status, 'erased'), isNull(accountCancellations.afterCommitDoneAt)))
    .limit(20);
  for (const c of due) {
    const who = { userId: c.userId, phone: '' };
    for (const m of registry.filter((r) => r.afterCommit)) await m.erase(deps, db, who);
    await db
      .update(accountCancellations)
      .set({ afterCommitDoneAt: deps.clock.now() })
      .where(eq(accountCancellations.id, c.id));
  }
  return due.length;
}
