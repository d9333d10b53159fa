// The order's address snapshot at rest (docs/PRIVACY.md "Encryption at rest"): recipient, phone and street are
// sealed inside the JSON; province, city and district stay plain (shipping is priced by province, statistics group
// by region, the sandbox tracking names the city). Staff search by recipient or phone goes through blind indexes.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { orders, type OrderAddress } from './schema.ts';

type Crypto = Pick<Deps, 'fieldCrypto'>;
const SEALED_FIELDS = ['recipient', 'phone', 'detail'] as const;
const BATCH = 500;

/** Blind index of a recipient name or phone on orders (its own context, unrelated to users.phone's digests). */
export const contactIndex = (deps: Crypto, field: 'recipient' | 'phone', value: string): string =>
  deps.fieldCrypto.blindIndex(`orders.address.${field}`, value);

/** The snapshot as stored, with the two search digests beside it. Sealing happens in memory: no extra round trip. */
export function sealOrderAddress(
  deps: Crypto,
  a: OrderAddress,
): { address: OrderAddress; recipientIndex: string; phoneIndex: string } {
  const plain = openOrderAddress(deps, a);
  const address = { ...plain };
  for (const f of SEALED_FIELDS) address[f] = deps.fieldCrypto.seal(plain[f]);
  return {
    address,
    recipientIndex: contactIndex(deps, 'recipient', plain.recipient),
    phoneIndex: contactIndex(deps, 'phone', plain.phone),
  };
}

/** The snapshot as the buyer, the merchant and (masked by the caller) staff see it; plain old rows read as they are. */
export function openOrderAddress(deps: Crypto, a: OrderAddress): OrderAddress {
  const out = { ...a };
  for (const f of SEALED_FIELDS) if (typeof out[f] === 'string') out[f] = deps.fieldCrypto.open(out[f]);
  return out;
}

/**
 * Start-up backfill: seals the snapshots written before sealing. The phone marks a row: plain and non-empty means
 * unsealed (an erased order has an empty phone and is skipped). Each update names the value it replaces, so a
 * restart or a second process seals a row once.
 */
export async function sealPlainOrderAddresses(deps: Deps): Promise<number> {
  const db = deps.database.db;
  let sealed = 0;
  let after = '';
  for (;;) {
    // Walked in id order, so each row is read once however large the table.
    const rows = await db
      .select({ id: orders.id, address: orders.address })
      .from(orders)
      .where(
        and(
          gt(orders.id, after),
          sql`${orders.address}->>'phone' <> '' and ${orders.address}->>'phone' not like 'ev1.%'`,
        ),
      )
      .orderBy(asc(orders.id))
      .limit(BATCH);
    if (rows.length === 0) return sealed;
    after = rows.at(-1)!.id;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const done = await tx
          .update(orders)
          .set(sealOrderAddress(deps, r.address))
          .where(and(eq(orders.id, r.id), sql`${orders.address}->>'phone' = ${r.address.phone}`))
          .returning({ id: orders.id });
        sealed += done.length;
      }
    });
  }
}
