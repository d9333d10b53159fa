// The open platform's public surface: other modules (and app.ts) import from this file only (docs/ARCHITECTURE.md).

// app.ts authenticates signed requests and holds API-key actors to their scopes.
export { authenticateSignedRequest } from './keys.ts';
export { requireApiKeyScope } from './scopes.ts';
export { openplatformPersonalData } from './personal-data.ts';
