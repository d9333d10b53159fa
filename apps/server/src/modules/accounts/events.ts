import type { Deps } from '../../deps.ts';
import { sealPlainAddresses, sealPlainPhones } from './backfill.ts';

// Published: user.registered. Subscribes to nothing. At start: seals what an older version left in plain text.

/** Module start: plain phones and address books are sealed before the first request (backfill.ts). */
export async function initAccounts(deps: Deps): Promise<void> {
  const phones = await sealPlainPhones(deps);
  const books = await sealPlainAddresses(deps);
  if (phones + books > 0) deps.log.info({ phones, addresses: books }, 'accounts: sealed plain personal data');
}
