// The transparency module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { appendEntry, appendEntryOnce, loggedSubjects } from './service.ts';
// The verifier anyone runs (RFC 9162): other modules' tests check their entries' inclusion proofs with it.
export { leafHash, verifyInclusion } from './merkle.ts';
