import type { Deps } from '../../deps.ts';
import { sealPlainAddresses, sealPlainLoginPhones, sealPlainPhones } from './backfill.ts';

// Published: user.registered. Subscribes to nothing. At start: seals what an older version left in plain text.

/** Module start: plain phones, address books and login phones are sealed before the first request (backfill.ts). */
export async function initAccounts(deps: Deps): Promise<void> {
  const phones = await sealPlainPhones(deps);
  const books = await sealPlainAddresses(deps);
  const logins = await sealPlainLoginPhones(deps);
  if (phones + books + logins > 0)
    deps.log.info({ phones, addresses: books, logins }, 'accounts: sealed plain personal data');
}
