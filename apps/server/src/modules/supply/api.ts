// The supply module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").
export { supplyPersonalData } from './personal-data.ts';
export { checkProductionSource, placeProductionOrder } from './production.ts';
