import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { metricDef } from './metrics.ts';
import { staffAccessMetric } from './staff-access.ts';
import { alerts } from './schema.ts';

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): the receiver recomputes it to trust the POST. */
const signWebhook = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * Delivers one new alert to ALERTS_WEBHOOK_URL. Runs as a job: a refused or failed POST throws, and the job
 * queue retries it with back-off, so a receiver that is down gets the alert when it is back.
 */
export async function deliverAlertWebhook(deps: Deps, db: Db, alertId: string): Promise<void> {
  const url = deps.config.ALERTS_WEBHOOK_URL;
  const secret = deps.config.ALERTS_WEBHOOK_SECRET;
  if (!url) return;
  if (!secret) throw new Error('ALERTS_WEBHOOK_SECRET is required with ALERTS_WEBHOOK_URL');
  const [a] = await db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!a) return;
  const def = metricDef(a.metric);
  const body = JSON.stringify({
    type: 'alert.opened',
    alert: {
      id: a.id,
      metric: a.metric,
      metricLabel: def?.label ?? staffAccessMetric(a.metric)?.label ?? a.metric,
      direction: a.direction,
      windowStart: a.windowStart.toISOString(),
      windowEnd: a.windowEnd.toISOString(),
      observed: a.observed,
      expected: { low: a.expectedLow, median: a.expectedMedian, high: a.expectedHigh },
      deviation: a.deviation,
      topExplanations: a.drilldown.slice(0, 3),
    },
  });
  const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-haowu-timestamp': timestamp,
      'x-haowu-signature': signWebhook(secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`alert webhook answered ${res.status}`);
}
