import type { Deps } from '../../deps.ts';
import { ensureDefaultLexicon } from './lexicon.ts';

/** At start, after migrations: the lexicon seeded from rules.ts. */
export async function initCompliance(deps: Deps): Promise<void> {
  await ensureDefaultLexicon(deps.database.db, deps.clock.now());
}
