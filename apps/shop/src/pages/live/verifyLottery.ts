import type { LotteryProof } from '../../api/live.ts';

export type Verdict = 'match' | 'commitment-mismatch' | 'winners-mismatch' | 'unavailable';

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const bytesOf = (hexText: string) => new Uint8Array((hexText.match(/../g) ?? []).map((h) => parseInt(h, 16)));

/**
 * Re-runs the draw on this device with the published recipe (the server's lottery-draw.ts): sha256(seed bytes) must
 * equal the commitment, and ranking every entrant by HMAC-SHA256(seed bytes, userId) must give the winners.
 * SubtleCrypto exists only in secure contexts (https, localhost).
 */
export async function verifyLottery(proof: LotteryProof): Promise<Verdict> {
  if (!proof.seed) return 'unavailable';
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return 'unavailable';
  const seed = bytesOf(proof.seed);
  if (hex(await subtle.digest('SHA-256', seed)) !== proof.seedCommitment) return 'commitment-mismatch';
  const key = await subtle.importKey('raw', seed, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const ranked = await Promise.all(
    proof.entrants.map(async (e) => ({
      userId: e.userId,
      ticket: hex(await subtle.sign('HMAC', key, new TextEncoder().encode(e.userId))),
    })),
  );
  ranked.sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.userId < b.userId ? -1 : 1));
  const drawn = ranked.slice(0, proof.winnersCount).map((e) => e.userId);
  const published = proof.winners.map((w) => w.userId);
  return drawn.length === published.length && drawn.every((id, i) => id === published[i])
    ? 'match'
    : 'winners-mismatch';
}
