import type { Db } from '../../platform/db.ts';
import { definePort } from '../../platform/port.ts';

/**
 * Whether a signed-in person allows their browsing to be recorded (隐私中心 → 使用情况统计). The privacy module
 * keeps the consent and answers through this port (wired in its events.ts), so analytics does not import it back.
 */
type TrackingConsent = (db: Db, userId: string) => Promise<boolean>;

const port = definePort<TrackingConsent>('analytics.trackingConsent', 'privacy');

export const provideTrackingConsent = port.provide;
export const trackingAllowed: TrackingConsent = (db, userId) => port.use()(db, userId);
