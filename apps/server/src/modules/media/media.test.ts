import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode } from '../../../test/http.ts';
import { ART_KINDS } from './art.ts';
import { detectImageType } from './service.ts';

const t = await createTestApp();
const anon = new Client(t);
const user = await loginByCode(t);

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR fake but well-signed png body'),
]);

async function upload(
  bytes: Buffer,
  opts: { token?: string | undefined; filename?: string; contentType?: string } = {},
) {
  const boundary = `haowu${Math.random().toString(36).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.filename ?? 'photo.png'}"\r\nContent-Type: ${opts.contentType ?? 'image/png'}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    payload,
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

describe('placeholder images', () => {
  it('draws the label centred on a colour that depends only on the name, cached for a year', async () => {
    const res = await anon.get(`/media/placeholder/cat_beauty.svg?label=${encodeURIComponent('美妆护肤')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const svg = res.body as string;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('>美妆护肤</text>');
    const fill = (s: string) => /<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(s)?.[1];
    const again = await anon.get('/media/placeholder/cat_beauty.svg?label=other');
    const other = await anon.get('/media/placeholder/cat_food.svg');
    expect(fill(again.body)).toBe(fill(svg));
    expect(fill(other.body)).not.toBe(fill(svg));
    expect(other.body).toContain('>cat_food</text>');
  });

  it('escapes the label and honours the size', async () => {
    const res = await anon.get(
      `/media/placeholder/x.svg?label=${encodeURIComponent('<script>alert(1)</script>&')}&w=1200&h=400`,
    );
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;');
    expect(res.body).toContain('width="1200" height="400"');
    expect((await anon.get('/media/placeholder/x.svg?w=99999')).status).toBe(400);
    expect((await anon.get('/media/placeholder/a%20b.svg')).status).toBe(400);
  });
});

describe('generated product art', () => {
  it('draws every kind as shaded artwork with no text label, the same picture for the same name', async () => {
    for (const kind of ART_KINDS) {
      const res = await anon.get(`/media/art/${kind}-001-1.svg`);
      expect(res.status, kind).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      const svg = res.body as string;
      expect(svg).toContain('<linearGradient id="cyl"');
      expect(svg.match(/<(path|rect|circle|ellipse)\b/g)!.length, kind).toBeGreaterThan(5);
    }
    const a = await anon.get('/media/art/cream-007-1.svg');
    expect((await anon.get('/media/art/cream-007-1.svg')).body).toBe(a.body);
    expect((await anon.get('/media/art/cream-008-1.svg')).body).not.toBe(a.body);
    expect((await anon.get('/media/art/cream-007-3.svg')).body).not.toBe(a.body);
    const scene = await anon.get('/media/art/scene-cream-007-p1.svg');
    expect(scene.status).toBe(200);
    expect(scene.body).not.toBe(a.body);
    expect((await anon.get('/media/art/unknownthing-1.svg')).status).toBe(200);
    expect((await anon.get('/media/art/Cream%20x.svg')).status).toBe(400);
  });
});

describe('image upload', () => {
  it('stores a real image and serves it back', async () => {
    const res = await upload(PNG, { token: user.token });
    expect(res.status).toBe(201);
    expect(res.body.url).toMatch(/^\/media\/u\/[0-9a-z]+\/med_[0-9a-z]+\.png$/);
    const served = await t.app.inject({ method: 'GET', url: res.body.url });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(PNG)).toBe(true);
  });

  it('judges the type by the bytes, not the name', async () => {
    const res = await upload(Buffer.from('<?php echo "hi"; ?>'), { token: user.token, filename: 'evil.png' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ type: 'unsupported-image-type', title: '仅支持 JPEG、PNG、WebP 或 GIF 图片' });
    const gif = await upload(Buffer.from('GIF89a tiny gif body'), {
      token: user.token,
      filename: 'image.bin',
      contentType: 'application/octet-stream',
    });
    expect(gif.body.url).toMatch(/\.gif$/);
  });

  it('refuses files over 5 MB, missing files and visitors', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(big, { token: user.token });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.type).toBe('file-too-large');
    const notMultipart = await user.post('/api/v1/media', { url: 'https://example.com/a.png' });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.type).toBe('file-missing');
    expect((await upload(PNG)).status).toBe(401);
  });

  it('recognises the four formats by their magic numbers', () => {
    expect(detectImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpg');
    expect(detectImageType(PNG)).toBe('png');
    expect(detectImageType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(detectImageType(Buffer.from('GIF87a'))).toBe('gif');
    expect(detectImageType(Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'))).toBeUndefined();
    expect(detectImageType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('video upload', () => {
  const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(6 * 1024 * 1024, 1)]);
  async function uploadVideo(bytes: Buffer, token: string | undefined) {
    const boundary = `haowu${Math.random().toString(36).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media/videos',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      payload,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  it('stores an MP4 larger than the image limit and refuses what is not a video', async () => {
    const ok = await uploadVideo(MP4, user.token);
    expect(ok.status).toBe(201);
    expect(ok.body.url).toMatch(/^\/media\/u\/.+\.mp4$/);
    const served = await t.app.inject({ method: 'GET', url: ok.body.url });
    expect(served.statusCode).toBe(200);
    const notVideo = await uploadVideo(PNG, user.token);
    expect(notVideo).toMatchObject({ status: 415, body: { type: 'unsupported-video-type' } });
    expect((await uploadVideo(MP4, undefined)).status).toBe(401);
  });
});
