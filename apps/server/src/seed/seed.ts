import type { Deps } from '../deps.ts';

// Filled in by the demo-data work: see scripts/seed.ts.
export async function seedIfEmpty(_deps: Deps, _progress: (line: string) => void): Promise<void> {}
