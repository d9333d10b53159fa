import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.ts';

const t = await createTestApp();
const anyone = new Client(t);

const review = (orderLineId: string, content: string) => ({
  orderLineId,
  ratings: { quality: 5, logistics: 5, service: 4 },
  content,
  images: [],
  anonymous: false,
});

interface Head {
  treeSize: number;
  rootHash: string;
  signature: string;
  publicKey: string;
  signedMessage: string;
}

// What an outside verifier does: import the raw public key and check the head's signature.
const signatureValid = (h: Head) =>
  verify(
    null,
    Buffer.from(h.signedMessage),
    createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(h.publicKey, 'base64')]),
      format: 'der',
      type: 'spki',
    }),
    Buffer.from(h.signature, 'base64'),
  );

const hex = (s: string) => Buffer.from(s, 'hex');

async function publish(content: string): Promise<string> {
  const o = await deliveredOrder(t);
  const res = await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!, content));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('transparency log', () => {
  it('logs every published review and proves it is included under a signed head', async () => {
    const ids = [];
    for (const text of ['面霜很滋润，吸收也快。', '包装完好，物流很快。', '味道一般，不会回购。'])
      ids.push(await publish(text));

    const head = (await anyone.get('/api/v1/transparency/head')).body as Head;
    expect(head.treeSize).toBeGreaterThanOrEqual(3);
    expect(signatureValid(head)).toBe(true);
    expect(head.signedMessage).toContain(head.rootHash);

    const listed = await anyone.get(`/api/v1/transparency/entries?kind=review&subjectId=${ids[1]}`);
    expect(listed.body.items).toHaveLength(1);
    const entry = listed.body.items[0];
    expect(JSON.parse(entry.leafData)).toMatchObject({ kind: 'review', subject: ids[1] });

    const proof = (await anyone.get(`/api/v1/transparency/entries/${entry.leafIndex}/proof`)).body;
    expect(proof.treeHead.rootHash).toBe(head.rootHash);
    const ok = verifyInclusion(
      entry.leafIndex,
      proof.treeHead.treeSize,
      leafHash(proof.entry.leafData),
      proof.path.map(hex),
      hex(proof.treeHead.rootHash),
    );
    expect(ok).toBe(true);

    // The same proof does not hold for an entry whose text was changed by one character.
    const tampered = proof.entry.leafData.replace('"kind":"review"', '"kind":"reviev"');
    expect(
      verifyInclusion(
        entry.leafIndex,
        proof.treeHead.treeSize,
        leafHash(tampered),
        proof.path.map(hex),
        hex(proof.treeHead.rootHash),
      ),
    ).toBe(false);
    // Nor does a head whose signature was made over another root.
    expect(signatureValid({ ...head, signedMessage: head.signedMessage.replace(head.rootHash, '0'.repeat(64)) })).toBe(
      false,
    );
  });

  it('proves an older head is a prefix of a newer one', async () => {
    await publish('第一条：做工扎实，尺寸合适。');
    const older = (await anyone.get('/api/v1/transparency/head')).body as Head;
    await publish('第二条：颜色和图片一致。');
    await publish('第三条：客服回复及时。');
    const newer = (await anyone.get('/api/v1/transparency/head')).body as Head;
    expect(newer.treeSize).toBe(older.treeSize + 2);

    const res = await anyone.get(`/api/v1/transparency/consistency?from=${older.treeSize}&to=${newer.treeSize}`);
    expect(res.status).toBe(200);
    expect(res.body.from.rootHash).toBe(older.rootHash);
    const proof = res.body.proof.map(hex);
    expect(verifyConsistency(older.treeSize, newer.treeSize, hex(older.rootHash), hex(newer.rootHash), proof)).toBe(
      true,
    );
    expect(verifyConsistency(older.treeSize, newer.treeSize, hex('ab'.repeat(32)), hex(newer.rootHash), proof)).toBe(
      false,
    );

    const heads = await anyone.get('/api/v1/transparency/heads?limit=1');
    expect(heads.body.items[0].treeSize).toBe(newer.treeSize);
    expect(heads.body.nextCursor).not.toBeNull();
  });

  it('refuses sizes beyond the log with a Chinese problem and changes nothing', async () => {
    const head = (await anyone.get('/api/v1/transparency/head')).body as Head;
    const res = await anyone.get(`/api/v1/transparency/consistency?from=1&to=${head.treeSize + 5}`);
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('树大小超过日志当前大小');
    expect((await anyone.get('/api/v1/transparency/entries/99999/proof')).status).toBe(404);
    expect((await anyone.get('/api/v1/transparency/head')).body.treeSize).toBe(head.treeSize);
  });
});
