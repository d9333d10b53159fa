import { fetchProof } from '../api/transparency.ts';
import type { Trace } from '../api/trace.ts';
import { fromHex, leafHash, toHex, verifyHeadSignature, verifyInclusion } from '../lib/merkle.ts';

const canonical = (o: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))));

/**
 * One trace event against its log entry, all in this browser: the entry's hash, the entry saying exactly what the page
 * shows (this code, this event, these facts), its inclusion proof to the signed root, and the root's signature.
 */
export async function checkTraceEvent(code: string, e: Trace['events'][number]): Promise<boolean> {
  const proof = await fetchProof(e.leafIndex);
  const leaf = await leafHash(proof.entry.leafData);
  if (toHex(leaf) !== proof.entry.leafHash) return false;
  const logged = JSON.parse(proof.entry.leafData) as {
    kind: string;
    subject: string;
    payload: Record<string, unknown>;
  };
  const shown = { event: e.kind, title: e.title, ...e.facts };
  if (logged.kind !== 'trace-event' || logged.subject !== code || canonical(logged.payload) !== canonical(shown))
    return false;
  const included = await verifyInclusion(
    proof.entry.leafIndex,
    proof.treeHead.treeSize,
    leaf,
    proof.path.map(fromHex),
    fromHex(proof.treeHead.rootHash),
  );
  return included && (await verifyHeadSignature(proof.treeHead));
}
