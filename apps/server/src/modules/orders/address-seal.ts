// The order's address snapshot at rest (docs/PRIVACY.md "Encryption at rest"): recipient, phone and street are
// sealed inside the JSON; province, city and district stay plain (shipping is priced by province, statistics group
// by region, the sandbox tracking names the city). Staff search by recipient or phone goes through blind indexes.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { SEALED_LIKE, sealBackfill } from '../../platform/seal-backfill.ts';
import { orders, type OrderAddress } from './schema.ts';

type Crypto = Pick<Deps, 'fieldCrypto'>;
const SEALED_FIELDS = ['recipient', 'phone', 'detail'] as const;

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
 * Start-up backfill (platform/seal-backfill.ts): seals the snapshots written before sealing. The phone marks a row:
 * plain and non-empty means unsealed (an erased order has an empty phone and is skipped).
 */
export const sealPlainOrderAddresses = (deps: Deps): Promise<number> =>
  sealBackfill<{ address: OrderAddress }>(deps.database.db, {
    table: orders,
    key: orders.id,
    read: { address: orders.address },
    plain: sql`${orders.address}->>'phone' <> '' and ${orders.address}->>'phone' not like ${SEALED_LIKE}`,
    seal: (r) => sealOrderAddress(deps, r.address),
    unchanged: (r) => sql`${orders.address}->>'phone' = ${r.address.phone}`,
  });
