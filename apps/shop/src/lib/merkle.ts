/**
 * Checks the transparency log's proofs in the browser with WebCrypto only (RFC 9162 §2.1): nothing here trusts
 * the server's word — the server sends data, hashes and a signature, and this code decides.
 */

const utf8 = (s: string) => new TextEncoder().encode(s);

export const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
export const fromHex = (h: string) => new Uint8Array((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

export const leafHash = (data: string) => sha256(new Uint8Array([0]), utf8(data));
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(new Uint8Array([1]), l, r);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: the root rebuilt from the leaf and its audit path equals the signed root. */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: Uint8Array[],
  root: Uint8Array,
) {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && same(r, root);
}

/** RFC 9162 §2.1.4.2: the older tree (m leaves) is a prefix of the newer one (n leaves) — nothing was rewritten. */
export async function verifyConsistency(
  m: number,
  n: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: Uint8Array[],
) {
  if (m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && same(oldRoot, newRoot);
  const path = (m & (m - 1)) === 0 ? [oldRoot, ...proof] : proof;
  if (path.length === 0) return false;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && same(fr, oldRoot) && same(sr, newRoot);
}

export interface SignedHead {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  signature: string;
  publicKey: string;
}

/** The head's Ed25519 signature over the message rebuilt here from its fields (not the server's copy of it). */
export async function verifyHeadSignature(h: SignedHead): Promise<boolean> {
  const message = `haowu-tree-head-v1\n${h.treeSize}\n${h.rootHash}\n${h.signedAt}`;
  const key = await crypto.subtle.importKey('raw', fromBase64(h.publicKey), { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(h.signature), utf8(message));
}

/** What the log commits to for a review, recomputed from the review as the shop shows it (reviews/chain.ts). */
export async function publicReviewDigest(r: {
  id: string;
  productId: string;
  rating: number | null;
  content: string;
  images: string[];
  createdAt: string;
}): Promise<string> {
  const canonical = JSON.stringify([
    'haowu-review-public-v1',
    r.id,
    r.productId,
    r.rating,
    r.content,
    r.images,
    r.createdAt,
  ]);
  return toHex(await sha256(utf8(canonical)));
}

export const webCryptoReady = () => typeof crypto !== 'undefined' && crypto.subtle !== undefined;
