// The distribution module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { commissionByPost } from './service.ts';
export { distributionPersonalData } from './personal-data.ts';
