// The charity-products module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { charityPersonalData } from './personal-data.ts';
