// The bargain module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { bargainPersonalData } from './personal-data.ts';
