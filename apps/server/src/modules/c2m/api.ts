// The c2m module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").
export { c2mPersonalData } from './personal-data.ts';
