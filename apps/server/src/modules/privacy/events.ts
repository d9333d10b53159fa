import type { Deps } from '../../deps.ts';
import { provideTrackingConsent } from '../analytics/api.ts';
import {
  analyticsAllowed,
  buildExport,
  eraseAccount,
  expireExport,
  finishErasures,
  JOB_BUILD_EXPORT,
  JOB_ERASE_ACCOUNT,
  JOB_EXPIRE_EXPORT,
  recordConsentChange,
} from './service.ts';
import { consentRecorder } from '../../platform/privacy.ts';

// Jobs: privacy.build-export (at once after a request), privacy.expire-export (when the download link expires),
// privacy.erase-account (at the end of the cooling-off period, unless revoked).
// Emits: privacy.cancellation-requested, privacy.account-erased { userId, erasedAt } — for modules that keep
// copies outside PostgreSQL (caches, search indexes) to drop theirs.

export function wirePrivacy(deps: Deps): void {
  provideTrackingConsent(analyticsAllowed);
  consentRecorder.provide(recordConsentChange);
  deps.jobs.register<{ exportId: string }>(JOB_BUILD_EXPORT, (db, p) => buildExport(deps, db, p.exportId));
  deps.jobs.register<{ exportId: string }>(JOB_EXPIRE_EXPORT, (db, p) => expireExport(db, p.exportId));
  deps.jobs.register<{ cancellationId: string }>(JOB_ERASE_ACCOUNT, (db, p) =>
    eraseAccount(deps, db, p.cancellationId),
  );
}

/** Each serving process finishes committed erasures (the analytics engine's part) every 10 seconds. */
export function startPrivacy(deps: Deps): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    finishErasures(deps)
      .catch((err: unknown) => deps.log.error({ err }, 'finishing erasures failed'))
      .finally(() => {
        running = false;
      });
  }, 10_000);
  return () => clearInterval(timer);
}
