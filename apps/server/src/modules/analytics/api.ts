// The analytics module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { analyticsLoader, historyMarker, loadHistoryIntoEngine } from './loader.ts';
export { analyticsPersonalData } from './personal-data.ts';
export { provideTrackingConsent } from './consent.ts';
export { forgetUser } from './privacy.ts';
export { type BehaviourEvent, eventRow } from './event-model.ts';
export { appendToInbox, copyCsvIntoInbox, copyIntoInbox, csvChunks } from './inbox.ts';
export { queryEvents } from './query.ts';
export { eventsTableFrom } from './recent.ts';
export { pseudonym } from './pseudonym.ts';
