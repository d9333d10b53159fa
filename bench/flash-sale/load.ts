// Drives one purchase attempt per buyer at a fixed number of connections with autocannon, recording for each
// response its status and latency, and for each win the order id the server acknowledged.
import autocannon from 'autocannon';
import { percentile } from '../lib.ts';

export interface FlashLoadResult {
  attempts: number;
  wins: number;
  refusals: Record<string, number>;
  errors: number;
  /** Order ids of every 201 the load tool saw: each must exist in the database. */
  acknowledged: string[];
  successPerSec: number;
  p50Ms: number;
  p99Ms: number;
  elapsedSec: number;
}

export async function runFlashLoad(opts: {
  baseUrl: string;
  itemId: string;
  tokens: string[];
  connections: number;
  onProgress?: (wins: number) => void;
}): Promise<FlashLoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const acknowledged: string[] = [];
  const refusals: Record<string, number> = {};
  let errors = 0;
  let firstSent = 0;
  let lastWin = 0;
  const instance = autocannon({
    url: opts.baseUrl,
    connections: opts.connections,
    pipelining: 1,
    amount: opts.tokens.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/flash-sales/items/${opts.itemId}/purchase`,
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          const i = next++ % opts.tokens.length;
          context.sentAt = performance.now();
          if (!firstSent) firstSent = context.sentAt as number;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${opts.tokens[i]}`,
              'idempotency-key': `bench-${i}`,
            },
            body: '{}',
          };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          const now = performance.now();
          latencies.push(now - (context.sentAt as number));
          if (status === 201) {
            acknowledged.push((JSON.parse(body) as { orderId: string }).orderId);
            lastWin = now;
            opts.onProgress?.(acknowledged.length);
          } else if (status >= 400 && status < 500) {
            const type = (JSON.parse(body) as { type?: string }).type ?? String(status);
            refusals[type] = (refusals[type] ?? 0) + 1;
          } else errors++;
        },
      },
    ],
  } as unknown as autocannon.Options);
  const result = await instance;
  errors += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  const winSeconds = Math.max(0.001, (lastWin - firstSent) / 1000);
  return {
    attempts: latencies.length,
    wins: acknowledged.length,
    refusals,
    errors,
    acknowledged,
    successPerSec: acknowledged.length / winSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    elapsedSec: result.duration,
  };
}

/** Stops an autocannon run early (the crash bench kills the server under it). */
export type { autocannon };
