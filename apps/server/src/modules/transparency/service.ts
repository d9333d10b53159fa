import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { consistencyProof, inclusionPath, leafHash, rootOf } from './merkle.ts';
import { transparencyEntries, transparencyLogSize, transparencyTreeHeads } from './schema.ts';
import { logSigner, treeHeadMessage } from './signer.ts';

/** A public fact: what it is about and the values (hashes, ids, figures — never personal data) it commits to. */
interface NewEntry {
  kind: string;
  subjectId: string;
  payload: Record<string, string | number | boolean | null>;
}

interface EntryView {
  leafIndex: number;
  kind: string;
  subjectId: string;
  leafData: string;
  leafHash: string;
  createdAt: string;
}
interface TreeHeadView {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  signature: string;
  keyId: string;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  /** The exact text the signature covers. */
  signedMessage: string;
}

/**
 * Appends one entry in the caller's transaction, so the fact and its log entry commit or roll back together.
 * The size row is upserted first: its row lock orders concurrent appends, so leaf indexes never collide or skip.
 */
export async function appendEntry(tx: Db, entry: NewEntry, at: Date): Promise<{ leafIndex: number; leafHash: string }> {
  const [row] = await tx
    .insert(transparencyLogSize)
    .values({ id: 1, size: 1 })
    .onConflictDoUpdate({ target: transparencyLogSize.id, set: { size: sql`${transparencyLogSize.size} + 1` } })
    .returning({ size: transparencyLogSize.size });
  const leafIndex = row!.size - 1;
  const payload = Object.fromEntries(Object.entries(entry.payload).sort(([a], [b]) => (a < b ? -1 : 1)));
  // Fixed key order: the stored text is what is hashed, so verifiers hash it as-is without re-serialising.
  const leafData = JSON.stringify({
    v: 1,
    index: leafIndex,
    kind: entry.kind,
    subject: entry.subjectId,
    at: at.toISOString(),
    payload,
  });
  const hash = leafHash(leafData).toString('hex');
  await tx.insert(transparencyEntries).values({
    leafIndex,
    kind: entry.kind,
    subjectId: entry.subjectId,
    leafData,
    leafHash: hash,
    createdAt: at,
  });
  return { leafIndex, leafHash: hash };
}

/**
 * Appends unless an entry of this kind about this subject is already in the log (back-fills). The size row is locked
 * before the check, so two processes back-filling at once cannot both append the same fact.
 */
export async function appendEntryOnce(tx: Db, entry: NewEntry, at: Date): Promise<boolean> {
  await tx.insert(transparencyLogSize).values({ id: 1, size: 0 }).onConflictDoNothing();
  await tx.select().from(transparencyLogSize).where(eq(transparencyLogSize.id, 1)).for('update');
  if ((await loggedSubjects(tx, entry.kind, [entry.subjectId])).size > 0) return false;
  await appendEntry(tx, entry, at);
  return true;
}

/** Which of these subjects already have an entry of this kind. */
export async function loggedSubjects(db: Db, kind: string, subjectIds: string[]): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await db
    .select({ subjectId: transparencyEntries.subjectId })
    .from(transparencyEntries)
    .where(and(eq(transparencyEntries.kind, kind), inArray(transparencyEntries.subjectId, subjectIds)));
  return new Set(rows.map((r) => r.subjectId));
}

async function currentSize(db: Db): Promise<number> {
  const [row] = await db.select({ size: transparencyLogSize.size }).from(transparencyLogSize);
  return row?.size ?? 0;
}

async function leavesUpTo(db: Db, size: number): Promise<Buffer[]> {
  const rows = await db
    .select({ h: transparencyEntries.leafHash })
    .from(transparencyEntries)
    .where(lt(transparencyEntries.leafIndex, size))
    .orderBy(asc(transparencyEntries.leafIndex));
  return rows.map((r) => Buffer.from(r.h, 'hex'));
}

function headView(ctx: Ctx, h: typeof transparencyTreeHeads.$inferSelect): TreeHeadView {
  const signedAt = h.signedAt.toISOString();
  return {
    treeSize: h.treeSize,
    rootHash: h.rootHash,
    signedAt,
    signature: h.signature,
    keyId: h.keyId,
    publicKey: logSigner(ctx.deps.config).publicKey,
    signedMessage: treeHeadMessage(h.treeSize, h.rootHash, signedAt),
  };
}

/** The signed head for a tree size, signing it (once) when nobody asked for that size before. */
async function headFor(ctx: Ctx, size: number): Promise<TreeHeadView> {
  const [existing] = await ctx.db.select().from(transparencyTreeHeads).where(eq(transparencyTreeHeads.treeSize, size));
  if (existing) return headView(ctx, existing);
  const signer = logSigner(ctx.deps.config);
  const rootHash = rootOf(await leavesUpTo(ctx.db, size)).toString('hex');
  const signedAt = new Date(ctx.now().toISOString());
  await ctx.db
    .insert(transparencyTreeHeads)
    .values({
      treeSize: size,
      rootHash,
      signedAt,
      signature: signer.sign(treeHeadMessage(size, rootHash, signedAt.toISOString())),
      keyId: signer.keyId,
    })
    .onConflictDoNothing();
  // Two requests may sign the same size at once: both answer with the one that was stored.
  const [stored] = await ctx.db.select().from(transparencyTreeHeads).where(eq(transparencyTreeHeads.treeSize, size));
  return headView(ctx, stored!);
}

/** The latest signed tree head. */
export const latestHead = async (ctx: Ctx): Promise<TreeHeadView> => headFor(ctx, await currentSize(ctx.db));

/** Earlier heads, newest first: what a verifier checks consistency against. */
export async function listHeads(ctx: Ctx, input: { before?: number | undefined; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(transparencyTreeHeads)
    .where(input.before === undefined ? undefined : lt(transparencyTreeHeads.treeSize, input.before))
    .orderBy(desc(transparencyTreeHeads.treeSize))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((h) => headView(ctx, h));
  return { items, nextCursor: rows.length > input.limit ? String(items.at(-1)!.treeSize) : null };
}

const entryView = (r: typeof transparencyEntries.$inferSelect): EntryView => ({
  leafIndex: r.leafIndex,
  kind: r.kind,
  subjectId: r.subjectId,
  leafData: r.leafData,
  leafHash: r.leafHash,
  createdAt: r.createdAt.toISOString(),
});

/** Entries newest first, optionally of one kind or about one subject; `before` is a leaf index (keyset). */
export async function listEntries(
  ctx: Ctx,
  input: { kind?: string | undefined; subjectId?: string | undefined; before?: number | undefined; limit: number },
) {
  const rows = await ctx.db
    .select()
    .from(transparencyEntries)
    .where(
      and(
        input.kind ? eq(transparencyEntries.kind, input.kind) : undefined,
        input.subjectId ? eq(transparencyEntries.subjectId, input.subjectId) : undefined,
        input.before === undefined ? undefined : lt(transparencyEntries.leafIndex, input.before),
      ),
    )
    .orderBy(desc(transparencyEntries.leafIndex))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(entryView);
  return { items, nextCursor: rows.length > input.limit ? String(items.at(-1)!.leafIndex) : null };
}

/** An entry with its audit path to a signed head (the latest unless `treeSize` names an earlier one). */
export async function inclusionProof(ctx: Ctx, leafIndex: number, treeSize?: number) {
  const size = treeSize ?? (await currentSize(ctx.db));
  const [entry] = await ctx.db
    .select()
    .from(transparencyEntries)
    .where(and(eq(transparencyEntries.leafIndex, leafIndex), lt(transparencyEntries.leafIndex, size)));
  if (!entry) throw notFound('日志条目');
  const head = await headFor(ctx, await checkedSize(ctx, size));
  const path = inclusionPath(leafIndex, await leavesUpTo(ctx.db, size)).map((b) => b.toString('hex'));
  return { entry: entryView(entry), treeHead: head, path };
}

/** Proof that the tree of `from` leaves is a prefix of the tree of `to` leaves, with both signed heads. */
export async function consistency(ctx: Ctx, from: number, to: number) {
  if (from < 1 || from > to) throw badRequest('树大小不合法', '需要 1 ≤ from ≤ to');
  await checkedSize(ctx, to);
  const leaves = await leavesUpTo(ctx.db, to);
  return {
    from: await headFor(ctx, from),
    to: await headFor(ctx, to),
    proof: consistencyProof(from, leaves).map((b) => b.toString('hex')),
  };
}

async function checkedSize(ctx: Ctx, size: number): Promise<number> {
  if (size > (await currentSize(ctx.db))) throw badRequest('树大小超过日志当前大小');
  return size;
}
