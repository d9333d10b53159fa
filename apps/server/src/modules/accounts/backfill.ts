// Seals what was written before field encryption (docs/PRIVACY.md "Encryption at rest"): runs at start, before any
// route serves, in batches walked in id order (each row is read once). Restart-safe and idempotent: a row already sealed never matches again, and each update
// names the plain value it replaces, so two processes starting together seal a row once.
import { and, asc, eq, gt, notLike, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { addresses, users } from './schema.ts';
import { phoneIndexOf } from './service.ts';

const BATCH = 500;
const SEALED = 'ev1.%';

/** Seals every plain `users.phone` and fills its blind index; returns how many rows it sealed. */
export async function sealPlainPhones(deps: Deps): Promise<number> {
  const db = deps.database.db;
  let sealed = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .select({ id: users.id, phone: users.phone })
      .from(users)
      .where(and(gt(users.id, after), notLike(users.phone, SEALED), notLike(users.phone, 'erased:%')))
      .orderBy(asc(users.id))
      .limit(BATCH);
    if (rows.length === 0) return sealed;
    after = rows.at(-1)!.id;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const done = await tx
          .update(users)
          .set({ phone: deps.fieldCrypto.seal(r.phone), phoneIndex: phoneIndexOf(deps, r.phone) })
          .where(and(eq(users.id, r.id), eq(users.phone, r.phone)))
          .returning({ id: users.id });
        sealed += done.length;
      }
    });
  }
}

/** Seals every address book entry whose recipient, phone or detail is still plain; returns how many rows it sealed. */
export async function sealPlainAddresses(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const open = (v: string) => deps.fieldCrypto.open(v);
  const seal = (v: string) => deps.fieldCrypto.seal(open(v));
  let sealed = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .select({ id: addresses.id, recipient: addresses.recipient, phone: addresses.phone, detail: addresses.detail })
      .from(addresses)
      .where(
        and(
          gt(addresses.id, after),
          sql`(${notLike(addresses.recipient, SEALED)} or ${notLike(addresses.phone, SEALED)} or ${notLike(addresses.detail, SEALED)})`,
        ),
      )
      .orderBy(asc(addresses.id))
      .limit(BATCH);
    if (rows.length === 0) return sealed;
    after = rows.at(-1)!.id;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const done = await tx
          .update(addresses)
          .set({ recipient: seal(r.recipient), phone: seal(r.phone), detail: seal(r.detail) })
          .where(
            and(
              eq(addresses.id, r.id),
              eq(addresses.recipient, r.recipient),
              eq(addresses.phone, r.phone),
              eq(addresses.detail, r.detail),
            ),
          )
          .returning({ id: addresses.id });
        sealed += done.length;
      }
    });
  }
}
