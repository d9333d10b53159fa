import type { Deps } from '../../deps.ts';

/** Live results (poll tallies, lottery entrants, flash remaining units) go out at most this often per key and process. */
const PUBLISH_EVERY_MS = 500;

const pending = new WeakMap<Deps, Map<string, { dirty: boolean }>>();

/**
 * Per process and key: the first call of a quiet key publishes at once; later calls within PUBLISH_EVERY_MS fold
 * into one trailing publish, so the last change of a burst is always published and a burst costs one read per
 * half second. `publish` reads the state afresh, so a trailing publish never shows something stale.
 */
export function publishThrottled(deps: Deps, key: string, publish: () => Promise<void>): void {
  const keys = pending.get(deps) ?? new Map<string, { dirty: boolean }>();
  pending.set(deps, keys);
  const waiting = keys.get(key);
  if (waiting) {
    waiting.dirty = true;
    return;
  }
  const state = { dirty: false };
  keys.set(key, state);
  void publish().catch((err: unknown) => deps.log.warn({ err, key }, 'live update not published'));
  const timer = setTimeout(() => {
    keys.delete(key);
    if (state.dirty) publishThrottled(deps, key, publish);
  }, PUBLISH_EVERY_MS);
  timer.unref();
}
