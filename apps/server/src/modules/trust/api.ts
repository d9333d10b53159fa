// The trust module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { trustPersonalData } from './personal-data.ts';
