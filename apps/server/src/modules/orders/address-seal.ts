// The order's address snapshot at rest (docs/PRIVACY.md "Encryption at rest"): recipient, phone and street are
// sealed inside the JSON; province, city and district stay plain (shipping is priced by province, statistics group
// by region, the sandbox tracking names the city). Staff search by recipient or phone goes through blind indexes.
import type { Deps } from '../../deps.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { openFields, sealBackfill, sealFields, sealJson } from '../../platform/seal-backfill.ts';
import { orders, type OrderAddress } from './schema.ts';

type Crypto = Pick<Deps, 'fieldCrypto'>;
const SEALED_FIELDS = ['recipient', 'phone', 'detail'] as const;

/** Blind index of a recipient name or phone on orders (its own context, unrelated to users.phone's digests). */
export const contactIndex = (deps: Crypto, field: 'recipient' | 'phone', value: string): string =>
  deps.fieldCrypto.blindIndex(`orders.address.${field}`, value);

/**
 * Keyed digest of the whole delivery address (province to street, whitespace and punctuation dropped): several
 * "buyers" shipping to one place is a fake-review signal, compared without anyone reading the address.
 */
const deliveryPointIndex = (deps: Crypto, a: OrderAddress): string =>
  deps.fieldCrypto.blindIndex(
    'orders.address.delivery-point',
    [a.province, a.city, a.district, a.detail]
      .join('')
      .normalize('NFKC')
      .replace(/[\s\p{P}]+/gu, ''),
  );

const indexes = (deps: Crypto, plain: OrderAddress) => ({
  recipientIndex: contactIndex(deps, 'recipient', plain.recipient),
  phoneIndex: contactIndex(deps, 'phone', plain.phone),
});

/** The snapshot as stored, with the two search digests beside it. Sealing happens in memory: no extra round trip. */
export function sealOrderAddress(
  deps: Crypto,
  a: OrderAddress,
): { address: OrderAddress; recipientIndex: string; phoneIndex: string } {
  return { address: sealFields(deps.fieldCrypto, a, SEALED_FIELDS), ...indexes(deps, openOrderAddress(deps, a)) };
}

/** The snapshot as the buyer, the merchant and (masked by the caller) staff see it; plain old rows read as they are. */
export const openOrderAddress = (deps: Crypto, a: OrderAddress): OrderAddress =>
  openFields(deps.fieldCrypto, a, SEALED_FIELDS);

/**
 * Start-up backfill (platform/seal-backfill.ts): seals the snapshots written before sealing. The phone marks a row:
 * plain and non-empty means unsealed (an erased order has an empty phone and is skipped).
 */
export const sealPlainOrderAddresses = (deps: Deps): Promise<number> =>
  sealBackfill(
    deps.database.db,
    sealJson<OrderAddress>(deps.fieldCrypto, {
      table: orders,
      key: orders.id,
      column: orders.address,
      name: 'address',
      fields: SEALED_FIELDS,
      marker: 'phone',
      also: (plain) => indexes(deps, plain),
    }),
  );

/** The delivery-point digest of one order (reviews' fake-review screening); null for an unknown or erased order. */
export async function deliveryPointOfOrder(deps: Crypto, db: Db, orderId: string): Promise<string | null> {
  const [row] = await db.select({ address: orders.address }).from(orders).where(eq(orders.id, orderId));
  if (!row) return null;
  const plain = openOrderAddress(deps, row.address);
  return plain.detail ? deliveryPointIndex(deps, plain) : null;
}
