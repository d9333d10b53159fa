import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FetchJson, main, type TreeHead, verifyLog } from '../../../scripts/verify-log.ts';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';

// The offline verifier (npm run verify-log) against a real app: passing on an honest log, failing on a tampered
// head, a tampered entry, a foreign key or a log that rewrote its history.

const t = await createTestApp();
const ops = await operator(t);
const { merchantId } = await merchantWithOwner(t, '核验测试店');

const inject: FetchJson = async (url) => {
  const res = await t.app.inject({ method: 'GET', url });
  if (res.statusCode >= 300) throw new Error(`GET ${url} → ${res.statusCode}`);
  return res.json();
};
const head = async () => (await inject('/api/v1/transparency/head')) as TreeHead;
async function appendPenalties(n: number) {
  for (let i = 0; i < n; i++)
    expect(
      (await ops.post(`/api/v1/admin/merchants/${merchantId}/penalties`, { kind: 'warning', reason: `第${i}次警告` }))
        .status,
    ).toBe(201);
}

describe('npm run verify-log', () => {
  it('passes from a saved head to a grown log, with inclusion proofs, and fails on each kind of tampering', async () => {
    await appendPenalties(3);
    const saved = await head();
    await appendPenalties(4);
    const current = await head();
    expect(current.treeSize).toBe(saved.treeSize + 4);

    const honest = await verifyLog(inject, saved, { entries: [0, current.treeSize - 1] });
    expect(honest.lines.filter((l) => !l.ok)).toEqual([]);
    expect(honest.ok).toBe(true);
    expect(honest.lines.some((l) => l.text.includes('一致性证明通过'))).toBe(true);
    expect(honest.current.rootHash).toBe(current.rootHash);

    // A saved head whose root was changed no longer carries a valid signature.
    const forged = await verifyLog(inject, { ...saved, rootHash: 'ab'.repeat(32) });
    expect(forged.ok).toBe(false);
    expect(forged.lines[0]).toMatchObject({ ok: false });

    // A server that alters an entry's text cannot make its inclusion proof pass.
    const tamperingServer: FetchJson = async (url) => {
      const body = (await inject(url)) as { entry?: { leafData: string } };
      if (body.entry) body.entry.leafData = body.entry.leafData.replace('第1次警告', '第1次表扬');
      return body;
    };
    const altered = await verifyLog(tamperingServer, saved, { entries: [1] });
    expect(altered.ok).toBe(false);
    expect(altered.lines.filter((l) => !l.ok).map((l) => l.text)).toEqual([
      expect.stringContaining('哈希与内容一致'),
      expect.stringContaining('包含在当前树中'),
    ]);

    // A server that rewrote history (a different root at the saved size) fails the consistency proof, and one
    // whose log shrank fails outright.
    const rewritten: FetchJson = async (url) => {
      const body = (await inject(url)) as { proof?: string[] };
      if (body.proof && body.proof.length > 0) body.proof[0] = '00'.repeat(32);
      return body;
    };
    expect((await verifyLog(rewritten, saved)).ok).toBe(false);
    const later = await verifyLog(inject, current);
    expect(later.ok).toBe(true);
    const shrunk = await verifyLog(async (url) => (url.endsWith('/head') ? saved : inject(url)), current);
    expect(shrunk.ok).toBe(false);
    expect(shrunk.lines.some((l) => l.text.includes('日志变短了'))).toBe(true);

    // Finding entries by subject checks each of them.
    const penalty = (await ops.get(`/api/v1/admin/merchants/${merchantId}/penalties`)).body.items[0].id as string;
    const bySubject = await verifyLog(inject, saved, { subject: penalty });
    expect(bySubject.ok).toBe(true);
    expect(bySubject.lines.filter((l) => l.text.includes('包含在当前树中'))).toHaveLength(1);
  });

  it('runs as a command: saves a head, passes, and exits non-zero on a tampered head file', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verify-log-'));
    const file = path.join(dir, 'head.json');
    const script = path.resolve(import.meta.dirname, '../../../scripts/verify-log.ts');
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [script, ...args, '--url', address], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });

    const init = await run('--init', file);
    expect(init.code, init.out).toBe(0);
    await appendPenalties(2);
    const ok = await run(file, '--entry', '0', '--update');
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('全部通过 / all checks passed');
    expect(JSON.parse(readFileSync(file, 'utf8')).treeSize).toBe((await head()).treeSize);

    const saved = JSON.parse(readFileSync(file, 'utf8')) as TreeHead;
    writeFileSync(file, JSON.stringify({ ...saved, treeSize: saved.treeSize - 1 }));
    const bad = await run(file);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain('✗ 保存的树头签名有效');
    expect(bad.out).toContain('核验失败 / verification FAILED');
    expect((await run(path.join(dir, 'missing.json'))).code).toBe(2);
    expect(await main([], () => undefined)).toBe(2);
  });
});
