import { badRequest } from '../../platform/errors.ts';

/** One page of a keyset-paginated list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An opaque cursor: the sort key of the last item seen, so the next page starts strictly after it. */
const encodeCursor = (key: readonly (string | number)[]): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** The sort key inside a cursor, checked against the shape the caller expects (e.g. ['number', 'string']). */
export function decodeCursor<K extends readonly ('string' | 'number')[]>(
  cursor: string | undefined,
  shape: K,
): { [I in keyof K]: K[I] extends 'number' ? number : string } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fits =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((v, i) => (shape[i] === 'number' ? Number.isSafeInteger(v) : typeof v === 'string' && v.length <= 200));
  if (!fits) throw badRequest('分页游标无效', '请从第一页重新加载');
  return key as { [I in keyof K]: K[I] extends 'number' ? number : string };
}

/** Cuts the one extra row fetched to learn whether another page exists, and makes the cursor from the last item. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number)[],
  toItem: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { items: shown.map(toItem), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Escapes LIKE wildcards so a shopper's `%` or `_` matches itself. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
