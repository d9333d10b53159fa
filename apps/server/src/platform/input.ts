import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** Where in a parsed request value the first NUL character is (`body.items.0.note`), if any. */
function nulAt(value: unknown, where: string): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? where : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulAt(v, `${where}.${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\0')) return `${where}.${k.replaceAll('\0', '\\0')}`;
      const found = nulAt(v, `${where}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * One rule for every route, before its own schema: no text may contain U+0000. PostgreSQL cannot store it in text
 * (`invalid byte sequence for encoding "UTF8": 0x00`), and no honest input needs it, so it is a 400 problem and
 * nothing changes — instead of a 500 from deep inside a transaction.
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const field = nulAt(req.params, 'params') ?? nulAt(req.query, 'querystring') ?? nulAt(req.body, 'body');
    if (field)
      throw new AppError('validation-failed', 400, '请求参数有误', '文字中不能包含空字符（U+0000）', [
        { field, message: '不能包含空字符（U+0000）' },
      ]);
  });
}
