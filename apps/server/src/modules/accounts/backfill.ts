// Seals account phones and address books written before field encryption (docs/PRIVACY.md "Encryption at rest"),
// at start, through the shared backfill (platform/seal-backfill.ts).
import { notLike } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { sealBackfill, sealColumns } from '../../platform/seal-backfill.ts';
import { addresses, loginCodes, loginFailures, users } from './schema.ts';
import { loginPhoneIndex, phoneIndexOf } from './service.ts';

/** Seals every plain `users.phone` and fills its blind index (erased accounts are skipped); returns the rows sealed. */
export const sealPlainPhones = (deps: Deps): Promise<number> =>
  sealBackfill(
    deps.database.db,
    sealColumns(deps.fieldCrypto, {
      table: users,
      key: users.id,
      columns: { phone: users.phone },
      skip: notLike(users.phone, 'erased:%'),
      also: (p) => ({ phoneIndex: phoneIndexOf(deps, p.phone!) }),
    }),
  );

/** Seals every address book entry whose recipient, phone or detail is still plain; returns the rows sealed. */
export const sealPlainAddresses = (deps: Deps): Promise<number> =>
  sealBackfill(
    deps.database.db,
    sealColumns(deps.fieldCrypto, {
      table: addresses,
      key: addresses.id,
      columns: { recipient: addresses.recipient, phone: addresses.phone, detail: addresses.detail },
    }),
  );

/** Seals the phones of login codes and failures written before sealing and fills their blind index. */
export async function sealPlainLoginPhones(deps: Deps): Promise<number> {
  let sealed = 0;
  for (const [table, key] of [
    [loginCodes, loginCodes.id],
    [loginFailures, loginFailures.phone],
  ] as const) {
    sealed += await sealBackfill(
      deps.database.db,
      sealColumns(deps.fieldCrypto, {
        table,
        key,
        columns: { phone: table.phone },
        also: (p) => ({ phoneIndex: loginPhoneIndex(deps, p.phone!) }),
      }),
    );
  }
  return sealed;
}
