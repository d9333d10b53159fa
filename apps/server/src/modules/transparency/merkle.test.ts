import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionPath, leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`entry ${i}`));

describe('Merkle proofs (RFC 9162)', () => {
  it('matches the RFC 6962 test vector for the empty tree and hashes leaves apart from nodes', () => {
    expect(rootOf([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // Leaf hash of the empty string, from the certificate-transparency reference tests.
    expect(leafHash('').toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('proves every leaf of every tree size up to 33', () => {
    for (let n = 1; n <= 33; n++) {
      const ls = leaves(n);
      const root = rootOf(ls);
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(i, n, ls[i]!, inclusionPath(i, ls), root)).toBe(true);
      }
    }
  });

  it('fails for a changed entry, a wrong index or a wrong root', () => {
    const ls = leaves(13);
    const root = rootOf(ls);
    const path = inclusionPath(5, ls);
    expect(verifyInclusion(5, 13, leafHash('entry 5 (edited)'), path, root)).toBe(false);
    expect(verifyInclusion(6, 13, ls[5]!, path, root)).toBe(false);
    expect(verifyInclusion(5, 13, ls[5]!, path, rootOf(leaves(12)))).toBe(false);
    expect(verifyInclusion(5, 13, ls[5]!, path.slice(1), root)).toBe(false);
  });

  it('proves every older tree is a prefix of every newer one, and refuses a rewritten history', () => {
    for (let n = 1; n <= 20; n++) {
      const ls = leaves(n);
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, ls);
        expect(verifyConsistency(m, n, rootOf(ls.slice(0, m)), rootOf(ls), proof)).toBe(true);
      }
    }
    const ls = leaves(10);
    const rewritten = [...ls.slice(0, 3), leafHash('swapped'), ...ls.slice(4)];
    const proof = consistencyProof(6, rewritten);
    expect(verifyConsistency(6, 10, rootOf(ls.slice(0, 6)), rootOf(rewritten), proof)).toBe(false);
  });
});
