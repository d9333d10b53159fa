// The staff module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { accessesOfSubject, recordAccess } from './access.ts';
export { staffPersonalData } from './personal-data.ts';
export { staffGrants } from './roles.ts';
