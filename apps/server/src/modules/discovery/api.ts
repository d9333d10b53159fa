// The discovery module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { forgetDiscoveryUser } from './service.ts';
