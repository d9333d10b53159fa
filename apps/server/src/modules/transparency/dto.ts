import { z } from 'zod';

export const TreeHead = z.object({
  treeSize: z.number().int(),
  rootHash: z.string(),
  signedAt: z.string(),
  signature: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  signedMessage: z.string(),
});

export const Entry = z.object({
  leafIndex: z.number().int(),
  kind: z.string(),
  subjectId: z.string(),
  leafData: z.string(),
  leafHash: z.string(),
  createdAt: z.string(),
});

export const InclusionProof = z.object({ entry: Entry, treeHead: TreeHead, path: z.array(z.string()) });
export const ConsistencyProof = z.object({ from: TreeHead, to: TreeHead, proof: z.array(z.string()) });

const cursor = z.coerce.number().int().min(0).optional();
export const EntriesQuery = z.object({
  kind: z.string().max(40).optional(),
  subjectId: z.string().max(80).optional(),
  cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const HeadsQuery = z.object({ cursor, limit: z.coerce.number().int().min(1).max(100).default(20) });
export const ProofParams = z.object({ index: z.coerce.number().int().min(0) });
export const ProofQuery = z.object({ treeSize: z.coerce.number().int().min(1).optional() });
export const ConsistencyQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
