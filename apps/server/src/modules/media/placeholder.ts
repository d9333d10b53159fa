/**
 * Generated placeholder images: a soft colour picked from the name (the same name always gets the same colour)
 * with a label centred on it. Demo products and categories use these, so the app never depends on outside images.
 */
export interface PlaceholderOptions {
  name: string;
  label?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

const FONT = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',sans-serif";
const MAX_LABEL_CHARS = 16;

export function placeholderSvg(opts: PlaceholderOptions): string {
  const width = opts.width ?? 800;
  const height = opts.height ?? 800;
  const hue = fnv1a(opts.name) % 360;
  const background = hslToHex(hue, 0.62, 0.86);
  const ink = hslToHex(hue, 0.45, 0.32);
  const chars = [...(opts.label ?? opts.name).replace(/\p{Cc}/gu, '').trim()];
  const label = chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…` : chars.join('');
  // A CJK character is about one em wide, a Latin one about half: size the text to fill ~80% of the width.
  const ems = [...label].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0) || 1;
  const fontSize = Math.max(12, Math.floor(Math.min((width * 0.8) / ems, height * 0.28)));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}">`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    `<text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" font-family="${escapeXml(FONT)}" font-size="${fontSize}" font-weight="500" fill="${ink}">${escapeXml(label)}</text>`,
    `</svg>`,
  ].join('');
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, stable across processes and versions. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function hslToHex(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return `#${[f(0), f(8), f(4)]
    .map((x) =>
      Math.round(x * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
