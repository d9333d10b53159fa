// The transparency module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { appendEntry, appendEntryOnce, loggedSubjects } from './service.ts';
