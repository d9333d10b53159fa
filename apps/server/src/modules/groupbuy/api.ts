// The groupbuy module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { groupbuyPersonalData } from './personal-data.ts';
