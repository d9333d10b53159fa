import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;

export const refuse = refusals({
  'file-missing': [400, '请选择要上传的图片'],
  'file-too-large': [413, '图片不能超过 5 MB'],
  'unsupported-image-type': [415, '仅支持 JPEG、PNG、WebP 或 GIF 图片'],
  'video-too-large': [413, '视频不能超过 50 MB'],
  'unsupported-video-type': [415, '仅支持 MP4 或 WebM 视频'],
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

/** MP4 (an ISO-BMFF `ftyp` box first) or WebM (EBML header naming the webm doc type), by magic numbers. */
function detectVideoType(b: Buffer): 'mp4' | 'webm' | undefined {
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  if (
    b.length >= 4 &&
    b[0] === 0x1a &&
    b[1] === 0x45 &&
    b[2] === 0xdf &&
    b[3] === 0xa3 &&
    b.subarray(0, 64).includes('webm')
  )
    return 'webm';
  return undefined;
}

/**
 * A logged-in user uploads a short video. The poster frame is an ordinary image upload (chosen by the user or
 * captured from the first frame in the browser): the server does not decode video.
 */
export async function uploadVideo(ctx: Ctx, upload: Result<Buffer>): Promise<Result<{ url: string }>> {
  requireUser(ctx.actor);
  if (!upload.ok) return upload.type === 'file-too-large' ? refuse('video-too-large') : upload;
  const bytes = upload.value;
  if (bytes.length === 0) return refuse('file-missing');
  if (bytes.length > MAX_VIDEO_BYTES) return refuse('video-too-large');
  const type = detectVideoType(bytes);
  if (!type) return refuse('unsupported-video-type');
  const { url } = await ctx.deps.media.put(bytes, type);
  return ok({ url });
}
