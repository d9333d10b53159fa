import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const refuse = refusals({
  'file-missing': [400, '请选择要上传的图片'],
  'file-too-large': [413, '图片不能超过 5 MB'],
  'unsupported-image-type': [415, '仅支持 JPEG、PNG、WebP 或 GIF 图片'],
});

type ImageType = 'jpg' | 'png' | 'webp' | 'gif';

/** What the bytes are, judged by their magic numbers — never by the file name or the declared content type. */
export function detectImageType(b: Buffer): ImageType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b.length >= 6 && ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return undefined;
}

/** A logged-in user uploads one image; it is stored under a fresh id and served from the returned URL. */
export async function uploadImage(ctx: Ctx, upload: Result<Buffer>): Promise<Result<{ url: string }>> {
  requireUser(ctx.actor);
  if (!upload.ok) return upload;
  const bytes = upload.value;
  if (bytes.length === 0) return refuse('file-missing');
  if (bytes.length > MAX_UPLOAD_BYTES) return refuse('file-too-large');
  const type = detectImageType(bytes);
  if (!type) return refuse('unsupported-image-type');
  const { url } = await ctx.deps.media.put(bytes, type);
  return ok({ url });
}
