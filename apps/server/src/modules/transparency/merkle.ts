import { createHash } from 'node:crypto';

/**
 * A Merkle tree in the style of Certificate Transparency (RFC 9162 §2.1): leaves and inner nodes are hashed with
 * different one-byte prefixes, so a leaf can never be passed off as a node (second-preimage resistance).
 * Hashes are 32-byte Buffers here and lower-case hex on the wire.
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (data: string | Buffer): Buffer =>
  sha256(LEAF, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);

/** The largest power of two smaller than n (n ≥ 2). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH(D[n]) over leaf hashes; the empty tree's root is SHA-256 of nothing. */
export function rootOf(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** PATH(m, D[n]): the sibling hashes from leaf m up to the root, bottom first. */
export function inclusionPath(index: number, leaves: Buffer[]): Buffer[] {
  if (index < 0 || index >= leaves.length) throw new RangeError('leaf index outside the tree');
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionPath(index, leaves.slice(0, k)), rootOf(leaves.slice(k))]
    : [...inclusionPath(index - k, leaves.slice(k)), rootOf(leaves.slice(0, k))];
}

/** PROOF(m, D[n]): proves the tree of the first m leaves is a prefix of the tree of n leaves. */
export function consistencyProof(m: number, leaves: Buffer[]): Buffer[] {
  if (m < 1 || m > leaves.length) throw new RangeError('old size outside the tree');
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: Buffer[], complete: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [rootOf(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), complete), rootOf(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), rootOf(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its path; true when it equals `root`. */
export function verifyInclusion(index: number, size: number, leaf: Buffer, path: Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: checks that `oldRoot` (size m) is a prefix of `newRoot` (size n). */
export function verifyConsistency(m: number, n: number, oldRoot: Buffer, newRoot: Buffer, proof: Buffer[]): boolean {
  if (m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  const path = (m & (m - 1)) === 0 ? [oldRoot, ...proof] : [...proof];
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
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}
