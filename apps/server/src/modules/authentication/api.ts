// The authentication module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { authenticationPersonalData } from './personal-data.ts';
