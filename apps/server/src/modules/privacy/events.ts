import type { Deps } from '../../deps.ts';
import {
  buildExport,
  eraseAccount,
  expireExport,
  JOB_BUILD_EXPORT,
  JOB_ERASE_ACCOUNT,
  JOB_EXPIRE_EXPORT,
} from './service.ts';

// Jobs: privacy.build-export (at once after a request), privacy.expire-export (when the download link expires),
// privacy.erase-account (at the end of the cooling-off period, unless revoked).
// Emits: privacy.cancellation-requested, privacy.account-erased { userId, erasedAt } — for modules that keep
// copies outside PostgreSQL (caches, search indexes) to drop theirs.

export function wirePrivacy(deps: Deps): void {
  deps.jobs.register<{ exportId: string }>(JOB_BUILD_EXPORT, (_db, p) => buildExport(deps, p.exportId));
  deps.jobs.register<{ exportId: string }>(JOB_EXPIRE_EXPORT, (_db, p) => expireExport(deps, p.exportId));
  deps.jobs.register<{ cancellationId: string }>(JOB_ERASE_ACCOUNT, (_db, p) => eraseAccount(deps, p.cancellationId));
}
