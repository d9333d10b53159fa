import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addresses } from './schema.ts';

const MAX_ADDRESSES = 20;
const refuse = refusals({ 'address-book-full': `最多保存 ${MAX_ADDRESSES} 个收货地址` });

export interface AddressInput {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
}
export interface AddressDto extends Required<AddressInput> {
  id: string;
}

// Recipient, phone and street are sealed at rest (docs/PRIVACY.md "Encryption at rest"); province, city and district
// stay plain: shipping is priced by province and statistics group by region.
type Crypto = Pick<Deps, 'fieldCrypto'>;

const toDto = (deps: Crypto, a: typeof addresses.$inferSelect): AddressDto => ({
  id: a.id,
  recipient: deps.fieldCrypto.open(a.recipient),
  phone: deps.fieldCrypto.open(a.phone),
  province: a.province,
  city: a.city,
  district: a.district,
  detail: deps.fieldCrypto.open(a.detail),
  isDefault: a.isDefault,
});

function sealed<T extends Partial<AddressInput>>(deps: Crypto, input: T): T {
  const out = { ...input };
  for (const k of ['recipient', 'phone', 'detail'] as const) {
    if (out[k] !== undefined) out[k] = deps.fieldCrypto.seal(out[k]);
  }
  return out;
}

export async function listAddresses(ctx: Ctx): Promise<AddressDto[]> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.userId, user.userId), isNull(addresses.deletedAt)))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt));
  return rows.map((r) => toDto(ctx.deps, r));
}

/** The first address saved becomes the default; saving a new default clears the old one. */
export async function addAddress(ctx: Ctx, input: AddressInput): Promise<Result<AddressDto>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const existing = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.userId, user.userId), isNull(addresses.deletedAt)));
    if (existing.length >= MAX_ADDRESSES) return refuse('address-book-full');
    const isDefault = existing.length === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(tx, user.userId);
    const [row] = await tx
      .insert(addresses)
      .values({ id: newId('adr'), userId: user.userId, ...sealed(ctx.deps, input), isDefault, createdAt: ctx.now() })
      .returning();
    return ok(toDto(ctx.deps, row!));
  });
}

export async function updateAddress(ctx: Ctx, id: string, input: Partial<AddressInput>): Promise<AddressDto> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    await loadOwned(tx, user.userId, id);
    if (input.isDefault) await clearDefault(tx, user.userId);
    const [row] = await tx.update(addresses).set(sealed(ctx.deps, input)).where(eq(addresses.id, id)).returning();
    return toDto(ctx.deps, row!);
  });
}

/** Soft delete: orders keep their own copy of the address, so history is unaffected. */
export async function deleteAddress(ctx: Ctx, id: string): Promise<void> {
  const user = requireUser(ctx.actor);
  await ctx.tx(async (tx) => {
    const addr = await loadOwned(tx, user.userId, id);
    await tx.update(addresses).set({ deletedAt: ctx.now(), isDefault: false }).where(eq(addresses.id, id));
    if (addr.isDefault) {
      const [next] = await tx
        .select({ id: addresses.id })
        .from(addresses)
        .where(and(eq(addresses.userId, user.userId), isNull(addresses.deletedAt)))
        .orderBy(asc(addresses.createdAt))
        .limit(1);
      if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
    }
  });
}

/** For checkout: the buyer's own address, or undefined. */
export async function findOwnAddress(
  deps: Crypto,
  db: Db,
  userId: string,
  id: string,
): Promise<AddressDto | undefined> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId), isNull(addresses.deletedAt)));
  return row ? toDto(deps, row) : undefined;
}

async function loadOwned(db: Db, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), isNull(addresses.deletedAt)));
  // Someone else's address looks exactly like a missing one.
  if (!row || row.userId !== userId) throw notFound('收货地址');
  return row;
}

async function clearDefault(db: Db, userId: string) {
  await db
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
}

/**
 * For one-tap purchases (flash sales): each buyer's address to ship to — the chosen one when given and theirs,
 * else the default, else the most recently added. One query for a whole batch of buyers.
 */
export async function shippingAddressesOf(
  deps: Crypto,
  db: Db,
  wanted: { userId: string; addressId?: string | undefined }[],
): Promise<Map<string, AddressDto>> {
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select()
    .from(addresses)
    .where(
      and(
        sql`${addresses.userId} = any(${sql.param([...new Set(wanted.map((w) => w.userId))])}::text[])`,
        isNull(addresses.deletedAt),
      ),
    )
    .orderBy(desc(addresses.isDefault), desc(addresses.createdAt));
  const byUser = new Map<string, (typeof addresses.$inferSelect)[]>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const chosen = new Map<string, AddressDto>();
  for (const w of wanted) {
    const own = byUser.get(w.userId) ?? [];
    const pick = w.addressId ? own.find((a) => a.id === w.addressId) : own[0];
    if (pick) chosen.set(w.userId, toDto(deps, pick));
  }
  return chosen;
}
