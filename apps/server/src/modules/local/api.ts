// The local module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { localPersonalData } from './personal-data.ts';
