import { createHmac } from 'node:crypto';

/**
 * The name a user has in behaviour events: a keyed hash of their id. Analysts and the engine's files never see
 * the user id; the server, holding the key, can still find a user's events (to personalise, or to erase them).
 */
export function pseudonym(secret: string, userId: string): string {
  return `u_${createHmac('sha256', secret).update(userId).digest('base64url').slice(0, 22)}`;
}
