// The lifecycle module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { lifecyclePersonalData } from './personal-data.ts';
export { getMarketingPreference, setMarketingPreference } from './service.ts';
