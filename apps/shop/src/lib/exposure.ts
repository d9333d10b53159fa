import { readJson, writeJson } from './storage.ts';

// A small stand-in for the shop's behaviour tracker: it sends the `exposure` event of an experiment to
// POST /api/v1/events, once per experiment and variant per page session. The tracker replaces it when it lands.

const DEVICE_KEY = 'haowu.shop.deviceId';
const randomId = () => crypto.randomUUID().replace(/-/g, '');

/** A random id this browser keeps (no fingerprinting): how visitors are split before they sign in. */
export function deviceId(): string {
  const known = readJson<string | null>(DEVICE_KEY, null);
  if (typeof known === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
  const id = `d${randomId()}`;
  writeJson(DEVICE_KEY, id);
  return id;
}

const session = `s${randomId()}`;
const sent = new Set<string>();

export function sendExposure(experiment: string, variant: string): void {
  const key = `${experiment}:${variant}`;
  if (sent.has(key)) return;
  sent.add(key);
  const body = JSON.stringify({
    deviceId: deviceId(),
    sessionId: session,
    events: [{ id: crypto.randomUUID(), type: 'exposure', ts: new Date().toISOString(), experiment, variant }],
  });
  // keepalive: the exposure still arrives when the shopper navigates away at once. Cookies carry the sign-in.
  void fetch('/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    keepalive: true,
    credentials: 'same-origin',
  }).catch(() => sent.delete(key));
}
