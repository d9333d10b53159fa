import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { backfillReviewLog, REVIEW_LOG_BACKFILL_JOB } from '../reviews/api.ts';
import { leafHash, verifyInclusion } from './merkle.ts';

// Reviews published before the log existed are appended once, at start, in publishing order (docs/TRANSPARENCY.md,
// "Back-fill"). A database from before the log is made here by emptying the log's tables after publishing.

const t = await createTestApp();
const anyone = new Client(t);
const db = t.deps.database.db;
const hex = (s: string) => Buffer.from(s, 'hex');

async function publish(content: string): Promise<string> {
  const o = await deliveredOrder(t);
  const res = await o.buyer.post('/api/v1/reviews', {
    orderLineId: o.lineIds[0],
    ratings: { quality: 5, logistics: 4, service: 5 },
    content,
    images: [],
    anonymous: false,
  });
  expect(res.status).toBe(201);
  t.clock.advance(60_000);
  return res.body.id as string;
}
async function forgetLog() {
  await db.execute(sql`delete from transparency_entries`);
  await db.execute(sql`delete from transparency_tree_heads`);
  await db.execute(sql`delete from transparency_log_size`);
}
const size = async () => (await anyone.get('/api/v1/transparency/head')).body.treeSize as number;
async function reviewEntries() {
  const res = await anyone.get('/api/v1/transparency/entries?kind=review&limit=100');
  return (res.body.items as { leafIndex: number; subjectId: string; leafData: string }[]).reverse();
}
async function runStartJob() {
  await t.deps.jobs.enqueue(db, REVIEW_LOG_BACKFILL_JOB, { cursor: null }, { runAt: t.clock.now() });
  await t.runJobs();
}

describe('back-fill of reviews published before the log', () => {
  it('appends each unlogged review once, oldest first, with proofs; running again appends nothing', async () => {
    const ids = [
      await publish('老评价一：做工不错。'),
      await publish('老评价二：发货很快。'),
      await publish('老评价三：一般。'),
    ];
    const shown = await Promise.all(ids.map(async (id) => (await anyone.get(`/api/v1/reviews/${id}`)).body));
    await forgetLog();
    expect(await size()).toBe(0);

    await runStartJob();
    const logged = await reviewEntries();
    expect(logged.map((e) => e.subjectId)).toEqual(ids);
    const first = JSON.parse(logged[0]!.leafData);
    expect(first.payload).toMatchObject({
      backfilled: true,
      publishedAt: shown[0].createdAt,
      reviewKind: 'initial',
      chainSeq: 1,
    });
    expect(first.at).toBe(t.clock.now().toISOString());
    const proof = (await anyone.get(`/api/v1/transparency/entries/${logged[2]!.leafIndex}/proof`)).body;
    expect(
      verifyInclusion(
        proof.entry.leafIndex,
        proof.treeHead.treeSize,
        leafHash(proof.entry.leafData),
        proof.path.map(hex),
        hex(proof.treeHead.rootHash),
      ),
    ).toBe(true);

    const before = await size();
    await runStartJob();
    expect(await size()).toBe(before);

    // A review published now is logged by publishing, and the next start leaves it alone.
    const fresh = await publish('新评价：写入日志的。');
    await runStartJob();
    const after = await reviewEntries();
    expect(after.filter((e) => e.subjectId === fresh)).toHaveLength(1);
    expect(JSON.parse(after.at(-1)!.leafData).payload.backfilled).toBeUndefined();
    expect(await size()).toBe(before + 1);
  });

  it('walks the reviews in pages, each review once however the passes are cut', async () => {
    await forgetLog();
    const all: string[] = [];
    let cursor: { createdAt: string; id: string } | null = null;
    let passes = 0;
    do {
      const pass: Awaited<ReturnType<typeof backfillReviewLog>> = await db.transaction((tx) =>
        backfillReviewLog(tx, t.clock.now(), cursor, 2),
      );
      cursor = pass.next;
      passes += 1;
    } while (cursor);
    for (const e of await reviewEntries()) all.push(e.subjectId);
    expect(passes).toBeGreaterThan(1);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(4);
    expect(await size()).toBe(4);
  });
});
