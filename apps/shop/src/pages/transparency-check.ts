import { fetchConsistency, fetchProof, fetchReview, type LogEntry, type TreeHead } from '../api/transparency.ts';
import {
  fromHex,
  leafHash,
  publicReviewDigest,
  toHex,
  verifyConsistency,
  verifyHeadSignature,
  verifyInclusion,
} from '../lib/merkle.ts';

type StepLabel =
  | '条目哈希与条目内容一致'
  | '页面上的评价内容与日志记录一致'
  | '包含在 {n} 条记录的默克尔树中'
  | '树头的 Ed25519 签名有效';

interface Step {
  /** A translatable message; `{n}` is filled from `n`. */
  label: StepLabel;
  n?: number;
  ok: boolean;
  detail?: string;
}
export interface EntryCheck {
  ok: boolean;
  steps: Step[];
  /** The review as shown in the shop, when the entry is a review that is public. */
  review?: { content: string; rating: number | null; createdAt: string };
  held?: boolean;
}

/** Every check in the browser: the entry's content, its place in the tree, and the signature on the tree head. */
export async function checkEntry(entry: LogEntry): Promise<EntryCheck> {
  const proof = await fetchProof(entry.leafIndex);
  const steps: Step[] = [];
  const leaf = await leafHash(proof.entry.leafData);
  steps.push({ label: '条目哈希与条目内容一致', ok: toHex(leaf) === proof.entry.leafHash });
  let review: EntryCheck['review'];
  let held = false;
  if (entry.kind === 'review') {
    const logged = JSON.parse(proof.entry.leafData) as { payload: { publicDigest?: string; productId?: string } };
    const shown = await fetchReview(entry.subjectId);
    if ('held' in shown) {
      held = true;
    } else {
      const digest = await publicReviewDigest({ ...shown, rating: shown.rating });
      steps.push({
        label: '页面上的评价内容与日志记录一致',
        ok: digest === logged.payload.publicDigest,
        detail: `摘要 ${digest.slice(0, 16)}…`,
      });
      review = { content: shown.content, rating: shown.rating, createdAt: shown.createdAt };
    }
  }
  const included = await verifyInclusion(
    proof.entry.leafIndex,
    proof.treeHead.treeSize,
    leaf,
    proof.path.map(fromHex),
    fromHex(proof.treeHead.rootHash),
  );
  steps.push({
    label: '包含在 {n} 条记录的默克尔树中',
    n: proof.treeHead.treeSize,
    ok: included,
    detail: `包含证明 ${proof.path.length} 步`,
  });
  steps.push({ label: '树头的 Ed25519 签名有效', ok: await verifyHeadSignature(proof.treeHead) });
  return { ok: steps.every((s) => s.ok), steps, ...(review ? { review } : {}), held };
}

const SEEN_KEY = 'haowu.transparency.seenHead';

/**
 * The head this browser saw last time must be a prefix of today's: a log that rewrote history could not pass.
 * Returns null on the first visit (nothing to compare yet) and remembers the current head when it checks out.
 */
export async function checkAgainstSeen(head: TreeHead): Promise<{ ok: boolean; fromSize: number } | null> {
  const signed = await verifyHeadSignature(head);
  const seen = readSeen();
  let result: { ok: boolean; fromSize: number } | null = null;
  if (seen && seen.treeSize >= 1 && seen.treeSize <= head.treeSize) {
    const c = await fetchConsistency(seen.treeSize, head.treeSize);
    const ok = await verifyConsistency(
      seen.treeSize,
      head.treeSize,
      fromHex(seen.rootHash),
      fromHex(head.rootHash),
      c.proof.map(fromHex),
    );
    result = { ok: ok && signed, fromSize: seen.treeSize };
  }
  if (signed && (result === null || result.ok) && head.treeSize > 0)
    localStorage.setItem(SEEN_KEY, JSON.stringify({ treeSize: head.treeSize, rootHash: head.rootHash }));
  return result;
}

function readSeen(): { treeSize: number; rootHash: string } | null {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY) ?? 'null') as { treeSize: number; rootHash: string } | null;
  } catch {
    return null;
  }
}
