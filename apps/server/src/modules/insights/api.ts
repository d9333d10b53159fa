// The insights module's public surface: other modules (and bench/) import from this file only.

export { rfmReport, repurchaseReport } from './customers.ts';
export { funnelReport } from './funnel.ts';
export { realtimeSnapshot } from './realtime.ts';
export { retentionReport } from './retention.ts';
