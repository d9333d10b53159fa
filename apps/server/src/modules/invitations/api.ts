// The invitations module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { inviterOf } from './service.ts';
export { invitationsPersonalData } from './personal-data.ts';
