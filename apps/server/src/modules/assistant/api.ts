// The assistant module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").
// Conversations reach the assistant through the service module's port (service/assistant-port.ts), not through here.

export { assistantPersonalData } from './personal-data.ts';
