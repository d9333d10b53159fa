import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, must, newIdempotencyKey } from '../../api/client.ts';
import { fetchFlashItem, flashKeys, type FlashItemDetail, type FlashPurchase } from '../../api/flash.ts';
import { orderKeys } from '../../api/orders.ts';

/** How long a shopper watches 抢购中… before we stop waiting and look up what really happened. */
const ANSWER_WAIT_MS = 10_000;
const RETRY_DELAYS_MS = [400, 1200, 2500];

export type TapState =
  | { phase: 'idle' }
  | { phase: 'pending' }
  | { phase: 'checking' }
  | { phase: 'won'; purchase: FlashPurchase }
  | { phase: 'refused'; type: string; title: string; detail: string | undefined; status: number }
  /** No answer in time and no purchase on record: the tap may be retried with the same key, safely. */
  | { phase: 'unknown' };

type Attempt = { kind: 'won'; purchase: FlashPurchase } | { kind: 'refused'; error: ApiError } | { kind: 'no-answer' };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** Worth asking again with the same key: the request may never have reached the server, or it failed on our side. */
function transient(err: unknown, retrying: boolean): boolean {
  if (!(err instanceof ApiError)) return true; // network failure (TypeError) or an unreadable answer
  if (err.problem.status >= 500 || err.problem.type === 'network-error') return true;
  // Our own earlier attempt of this tap is still being judged on the server: wait for it rather than report it.
  return retrying && err.problem.type === 'flash-in-progress';
}

/**
 * One tap on 立即抢购, with automatic retries that reuse the tap's Idempotency-Key (so a retry can never buy twice),
 * all within ANSWER_WAIT_MS; the request is then abandoned and the caller checks the shopper's purchases.
 */
async function attemptTap(itemId: string, qty: number, key: string, signal: AbortSignal): Promise<Attempt> {
  for (let attempt = 0; ; attempt++) {
    try {
      const purchase = await must(
        api.POST('/api/v1/flash-sales/items/{itemId}/purchase', {
          params: { path: { itemId } },
          body: { qty },
          headers: { 'Idempotency-Key': key },
          signal,
        }),
      );
      return { kind: 'won', purchase };
    } catch (err) {
      if (signal.aborted) return { kind: 'no-answer' };
      const delay = RETRY_DELAYS_MS[attempt];
      if (transient(err, attempt > 0) && delay !== undefined) {
        await sleep(delay, signal);
        if (signal.aborted) return { kind: 'no-answer' };
        continue;
      }
      return err instanceof ApiError && err.problem.status < 500
        ? { kind: 'refused', error: err }
        : { kind: 'no-answer' };
    }
  }
}

const held = (p: FlashItemDetail['myPurchases'][number]) => p.status === 'reserved' || p.status === 'paid';

/** The purchase flow of one flash item page: tap, wait (bounded), and tell the truth about the outcome. */
export function useFlashTap(itemId: string) {
  const qc = useQueryClient();
  const [state, setState] = useState<TapState>({ phase: 'idle' });
  // The key of the tap whose outcome is unknown: 再试一次 reuses it, so the server answers that same tap.
  const openKey = useRef<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const refresh = useCallback(async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: flashKeys.item(itemId) }),
      qc.invalidateQueries({ queryKey: flashKeys.channel }),
      qc.invalidateQueries({ queryKey: flashKeys.mine }),
      qc.invalidateQueries({ queryKey: orderKeys.all }),
    ]);
  }, [qc, itemId]);

  const tap = useCallback(
    async (qty: number) => {
      if (controller.current) return; // one tap at a time
      const key = openKey.current ?? newIdempotencyKey();
      openKey.current = key;
      const before = new Set(
        (qc.getQueryData<FlashItemDetail>(flashKeys.item(itemId))?.myPurchases ?? [])
          .filter(held)
          .map((p) => p.purchaseId),
      );
      const abort = new AbortController();
      controller.current = abort;
      const timer = setTimeout(() => abort.abort(), ANSWER_WAIT_MS);
      setState({ phase: 'pending' });
      try {
        const result = await attemptTap(itemId, qty, key, abort.signal);
        if (result.kind === 'won') {
          openKey.current = null;
          setState({ phase: 'won', purchase: result.purchase });
        } else if (result.kind === 'refused') {
          openKey.current = null;
          const p = result.error.problem;
          if (p.type === 'flash-sold-out') {
            qc.setQueryData<FlashItemDetail>(flashKeys.item(itemId), (old) =>
              old ? { ...old, state: 'sold_out', remaining: 0 } : old,
            );
          }
          setState({ phase: 'refused', type: p.type, title: p.title, detail: p.detail, status: p.status });
        } else {
          // No answer: the server may still have sold us a unit. Our purchases are the truth.
          setState({ phase: 'checking' });
          const item = await fetchFlashItem(itemId).catch(() => null);
          if (item) qc.setQueryData(flashKeys.item(itemId), item);
          const found = item?.myPurchases.find((p) => held(p) && !before.has(p.purchaseId));
          if (found) {
            openKey.current = null;
            setState({ phase: 'won', purchase: found });
          } else setState({ phase: 'unknown' });
        }
      } finally {
        clearTimeout(timer);
        controller.current = null;
        await refresh();
      }
    },
    [qc, itemId, refresh],
  );

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, tap, reset };
}
