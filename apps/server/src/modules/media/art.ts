/**
 * Generated product art (SVG): a drawn object per product kind — a cream jar, a lipstick, a dress, headphones, a rice
 * bag… — with gradients for shading, a soft floor shadow and a backdrop, so demo products look like products at a
 * glance without downloading a single picture. Deterministic: the same name always draws the same picture.
 *
 * Names: `<kind>-<anything>` draws that kind (`cream-007-2`: product 7's second view); the colourway comes from the
 * whole name minus its last part, so every view of one product shares its colour; the last part picks the view
 * (hero, close-up, with its box…). `scene-<kind>-<anything>` draws a lifestyle scene (a table by a window, a rail)
 * with that object in it, for posts and buyer photos. Unknown kinds draw a wrapped parcel.
 */

const W = 800;

interface Palette {
  main: string;
  dark: string;
  light: string;
  accent: string;
  bgTop: string;
  bgBottom: string;
  floor: string;
}

type Draw = (p: Palette, r: () => number) => string;

export function artSvg(name: string): string {
  const parts = name.split('-');
  const isScene = parts[0] === 'scene';
  const kind = isScene ? (parts[1] ?? '') : (parts[0] ?? '');
  const product = parts.length > 2 ? parts.slice(isScene ? 1 : 0, -1).join('-') : name;
  const view = Number.parseInt(parts.at(-1) ?? '1', 10) || 1;
  const r = rng(fnv1a(name));
  const p = palette(fnv1a(product), kind, view);
  const draw = DRAWINGS[kind] ?? parcel;
  const body = isScene ? scene(p, r, draw, kind) : stage(p, r, draw, view);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}" viewBox="0 0 ${W} ${W}" role="img" aria-label="商品插画">`,
    defs(p),
    body,
    '</svg>',
  ].join('');
}

// ---------- composition ----------

function stage(p: Palette, r: () => number, draw: Draw, view: number): string {
  const backdrop = [
    `<rect width="800" height="800" fill="url(#bg)"/>`,
    `<rect y="560" width="800" height="240" fill="${p.floor}"/>`,
    `<rect y="560" width="800" height="6" fill="#fff" opacity=".35"/>`,
  ];
  // Views: 1 hero, 2 close-up, 3 on a pedestal with a leaf, 4 flat with dots, 5 pair.
  const v = ((view - 1) % 5) + 1;
  const shadow = `<ellipse cx="400" cy="600" rx="230" ry="34" fill="#000" opacity=".16" filter="url(#blur)"/>`;
  const object = draw(p, r);
  if (v === 2)
    return [
      ...backdrop,
      `<g transform="translate(400 430) scale(1.35) translate(-400 -430)">`,
      shadow,
      object,
      '</g>',
    ].join('');
  if (v === 3)
    return [
      ...backdrop,
      `<ellipse cx="400" cy="600" rx="280" ry="48" fill="${p.light}" opacity=".9"/>`,
      `<rect x="120" y="560" width="560" height="44" fill="${p.light}" opacity=".9"/>`,
      `<ellipse cx="400" cy="560" rx="280" ry="48" fill="#fff" opacity=".85"/>`,
      leaf(140, 470, p),
      `<g transform="translate(0 -36)">${shadow}${object}</g>`,
    ].join('');
  if (v === 4)
    return [
      ...backdrop,
      dots(p, r),
      `<g transform="translate(400 420) rotate(-8) scale(.92) translate(-400 -420)">`,
      shadow,
      object,
      '</g>',
    ].join('');
  if (v === 5)
    return [
      ...backdrop,
      `<g transform="translate(250 440) scale(.62) translate(-400 -430)" opacity=".92">${shadow}${object}</g>`,
      `<g transform="translate(500 450) scale(.8) translate(-400 -430)">${shadow}${object}</g>`,
    ].join('');
  return [...backdrop, sun(p), shadow, object].join('');
}

function scene(p: Palette, r: () => number, draw: Draw, kind: string): string {
  const wall = `<rect width="800" height="800" fill="url(#bg)"/>`;
  const window = [
    `<rect x="470" y="70" width="250" height="300" rx="8" fill="#fff" opacity=".75"/>`,
    `<rect x="485" y="85" width="220" height="270" fill="#cfe6f5"/>`,
    `<path d="M485 300 L560 230 L620 280 L705 200 L705 355 L485 355Z" fill="#a8cf9a" opacity=".7"/>`,
    `<rect x="592" y="85" width="6" height="270" fill="#fff"/>`,
    `<rect x="485" y="218" width="220" height="6" fill="#fff"/>`,
    `<path d="M485 355 L330 800 L640 800 L705 355Z" fill="#fff" opacity=".12"/>`,
  ].join('');
  const plant = [
    `<path d="M130 520 q-40 -120 10 -210 q10 90 -10 210" fill="#5f9c6b"/>`,
    `<path d="M150 520 q10 -150 90 -200 q-30 100 -90 200" fill="#74b27e"/>`,
    `<path d="M140 520 q-80 -80 -90 -160 q60 50 90 160" fill="#4c8a5b"/>`,
    `<path d="M100 515 h100 l-12 80 h-76z" fill="#d9a27a"/>`,
    `<rect x="96" y="505" width="108" height="16" rx="4" fill="#c58d66"/>`,
  ].join('');
  const mug = [
    `<path d="M620 540 h70 v60 a20 20 0 0 1 -20 20 h-30 a20 20 0 0 1 -20 -20z" fill="#fff"/>`,
    `<path d="M690 555 a18 18 0 0 1 0 36" stroke="#fff" stroke-width="8" fill="none"/>`,
    `<ellipse cx="655" cy="540" rx="35" ry="7" fill="#8a5a3c"/>`,
  ].join('');
  const clothes = GARMENTS.has(kind);
  const table = clothes
    ? `<rect y="690" width="800" height="110" fill="${p.floor}"/><rect x="150" y="120" width="500" height="10" rx="5" fill="#8d7b6a"/><rect x="150" y="120" width="10" height="580" fill="#8d7b6a"/><rect x="640" y="120" width="10" height="580" fill="#8d7b6a"/>`
    : `<rect y="600" width="800" height="200" fill="#c89f7c"/><rect y="600" width="800" height="14" fill="#dcb896"/><rect y="614" width="800" height="186" fill="url(#wood)" opacity=".5"/>`;
  const object = clothes
    ? `<g transform="translate(400 420) scale(.82) translate(-400 -430)">${draw(p, r)}</g>`
    : `<g transform="translate(390 470) scale(.62) translate(-400 -430)"><ellipse cx="400" cy="600" rx="230" ry="34" fill="#000" opacity=".18" filter="url(#blur)"/>${draw(p, r)}</g>`;
  return [wall, window, table, clothes ? '' : plant, clothes ? '' : mug, object].join('');
}

function defs(p: Palette): string {
  return [
    '<defs>',
    `<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.bgTop}"/><stop offset="1" stop-color="${p.bgBottom}"/></linearGradient>`,
    // A cylinder: dark edge, a highlight a third of the way in, then falling off to the far edge.
    `<linearGradient id="cyl" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${p.dark}"/><stop offset=".3" stop-color="${p.light}"/><stop offset=".55" stop-color="${p.main}"/><stop offset="1" stop-color="${p.dark}"/></linearGradient>`,
    `<linearGradient id="face" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.light}"/><stop offset="1" stop-color="${p.main}"/></linearGradient>`,
    `<linearGradient id="side" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.main}"/><stop offset="1" stop-color="${p.dark}"/></linearGradient>`,
    `<linearGradient id="metal" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#8b8f96"/><stop offset=".35" stop-color="#f4f5f7"/><stop offset=".6" stop-color="#c3c7cd"/><stop offset="1" stop-color="#7d8188"/></linearGradient>`,
    `<linearGradient id="gold" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#a7823f"/><stop offset=".35" stop-color="#f6e3a8"/><stop offset=".6" stop-color="#d4b265"/><stop offset="1" stop-color="#94702f"/></linearGradient>`,
    `<linearGradient id="glass" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity=".5"/><stop offset=".3" stop-color="#fff" stop-opacity=".85"/><stop offset=".5" stop-color="#fff" stop-opacity=".3"/><stop offset="1" stop-color="#fff" stop-opacity=".55"/></linearGradient>`,
    `<radialGradient id="ball" cx=".35" cy=".3" r=".75"><stop offset="0" stop-color="${p.light}"/><stop offset=".55" stop-color="${p.main}"/><stop offset="1" stop-color="${p.dark}"/></radialGradient>`,
    `<linearGradient id="wood" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#a67c58"/><stop offset=".5" stop-color="#d6ae88"/><stop offset="1" stop-color="#a67c58"/></linearGradient>`,
    `<filter id="blur" x="-20%" y="-50%" width="140%" height="200%"><feGaussianBlur stdDeviation="12"/></filter>`,
    '</defs>',
  ].join('');
}

const sun = (p: Palette) =>
  `<circle cx="640" cy="170" r="90" fill="#fff" opacity=".35"/><circle cx="640" cy="170" r="60" fill="${p.light}" opacity=".35"/>`;
const leaf = (x: number, y: number, p: Palette) =>
  `<g transform="translate(${x} ${y})"><path d="M0 90 C -10 30 30 -10 80 -20 C 70 40 40 80 0 90Z" fill="#7fb08a"/><path d="M0 90 C 20 40 50 10 80 -20" stroke="#5d8f69" stroke-width="3" fill="none"/><circle cx="520" cy="60" r="16" fill="${p.accent}" opacity=".5"/></g>`;
function dots(p: Palette, r: () => number): string {
  return Array.from({ length: 14 }, () => {
    const x = Math.round(r() * 800);
    const y = Math.round(r() * 520);
    return `<circle cx="${x}" cy="${y}" r="${Math.round(4 + r() * 10)}" fill="${p.accent}" opacity=".22"/>`;
  }).join('');
}
const highlight = (x: number, y: number, w: number, h: number) =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${Math.min(w, h) / 2}" fill="#fff" opacity=".45"/>`;

// ---------- beauty ----------

const jar: Draw = (p) =>
  [
    `<path d="M250 420 h300 v150 a30 30 0 0 1 -30 30 h-240 a30 30 0 0 1 -30 -30z" fill="url(#cyl)"/>`,
    `<ellipse cx="400" cy="420" rx="150" ry="26" fill="${p.light}"/>`,
    `<path d="M240 330 h320 v80 a20 20 0 0 1 -20 20 h-280 a20 20 0 0 1 -20 -20z" fill="url(#gold)"/>`,
    `<ellipse cx="400" cy="330" rx="160" ry="28" fill="#f6e9c4"/>`,
    `<rect x="300" y="480" width="200" height="60" rx="6" fill="#fff" opacity=".7"/>`,
    `<rect x="330" y="500" width="140" height="8" rx="4" fill="${p.dark}" opacity=".6"/><rect x="355" y="516" width="90" height="6" rx="3" fill="${p.dark}" opacity=".4"/>`,
    highlight(275, 440, 18, 120),
  ].join('');

const dropper: Draw = (p) =>
  [
    `<rect x="330" y="300" width="140" height="300" rx="26" fill="url(#cyl)"/>`,
    `<rect x="365" y="255" width="70" height="50" rx="6" fill="url(#gold)"/>`,
    `<path d="M375 255 q25 -110 50 0z" fill="${p.dark}"/>`,
    `<rect x="350" y="420" width="100" height="110" rx="6" fill="#fff" opacity=".75"/>`,
    `<rect x="368" y="445" width="64" height="8" rx="4" fill="${p.dark}" opacity=".6"/><rect x="375" y="465" width="50" height="6" rx="3" fill="${p.dark}" opacity=".4"/>`,
    highlight(345, 320, 14, 240),
  ].join('');

const pump: Draw = (p) =>
  [
    `<rect x="320" y="320" width="160" height="280" rx="20" fill="url(#cyl)"/>`,
    `<rect x="375" y="260" width="50" height="64" fill="url(#metal)"/>`,
    `<path d="M360 262 h120 v-22 h-120z" fill="url(#metal)"/><rect x="470" y="240" width="30" height="12" rx="4" fill="#9a9ea5"/>`,
    `<rect x="345" y="430" width="110" height="90" rx="4" fill="#fff" opacity=".7"/>`,
    `<rect x="365" y="455" width="70" height="8" rx="4" fill="${p.dark}" opacity=".6"/>`,
    highlight(335, 340, 14, 230),
  ].join('');

const tube: Draw = (p) =>
  [
    `<path d="M320 230 h160 l-20 300 h-120z" fill="url(#cyl)"/>`,
    `<path d="M318 222 h164 v18 h-164z" fill="${p.dark}"/>`,
    `<rect x="350" y="530" width="100" height="70" rx="10" fill="url(#metal)"/>`,
    `<rect x="355" y="330" width="90" height="110" rx="4" fill="#fff" opacity=".7"/>`,
    `<rect x="370" y="360" width="60" height="8" rx="4" fill="${p.dark}" opacity=".6"/><rect x="378" y="380" width="44" height="6" rx="3" fill="${p.dark}" opacity=".4"/>`,
    highlight(340, 250, 12, 240),
  ].join('');

const sachet: Draw = (p) =>
  [
    `<path d="M240 250 h320 l-10 340 h-300z" fill="url(#face)"/>`,
    `<path d="M240 250 h320 v24 h-320z" fill="${p.dark}" opacity=".5"/>`,
    `<path d="M250 574 h300 v16 h-300z" fill="${p.dark}" opacity=".4"/>`,
    `<circle cx="400" cy="410" r="80" fill="#fff" opacity=".6"/>`,
    `<path d="M360 410 q40 -60 80 0 q-40 60 -80 0z" fill="${p.accent}" opacity=".8"/>`,
    `<rect x="320" y="510" width="160" height="10" rx="5" fill="${p.dark}" opacity=".5"/>`,
    highlight(260, 290, 14, 260),
  ].join('');

const lipstick: Draw = (p) =>
  [
    `<rect x="350" y="400" width="100" height="200" rx="8" fill="url(#gold)"/>`,
    `<rect x="350" y="440" width="100" height="10" fill="#8a6a2c" opacity=".5"/>`,
    `<rect x="362" y="320" width="76" height="90" fill="url(#metal)"/>`,
    `<path d="M370 322 v-70 q0 -40 60 -72 v142z" fill="url(#cyl)"/>`,
    `<rect x="470" y="380" width="110" height="220" rx="8" fill="${p.dark}"/>`,
    `<rect x="470" y="380" width="110" height="220" rx="8" fill="url(#cyl)" opacity=".55"/>`,
    `<rect x="484" y="400" width="10" height="180" rx="5" fill="#fff" opacity=".35"/>`,
  ].join('');

const palette9: Draw = (p, r) => {
  const cells = Array.from({ length: 9 }, (_, i) => {
    const x = 265 + (i % 3) * 95;
    const y = 330 + Math.floor(i / 3) * 85;
    const h = (hue(p.main) + Math.round((r() - 0.5) * 80) + 360) % 360;
    return `<rect x="${x}" y="${y}" width="80" height="70" rx="12" fill="${hsl(h, 0.45, 0.35 + r() * 0.4)}"/><rect x="${x + 8}" y="${y + 8}" width="30" height="10" rx="5" fill="#fff" opacity=".3"/>`;
  });
  return [
    `<rect x="240" y="300" width="320" height="300" rx="24" fill="#2d2a2e"/>`,
    `<rect x="240" y="190" width="320" height="120" rx="24" fill="${p.dark}" transform="skewX(-10) translate(50 0)" opacity=".9"/>`,
    ...cells,
  ].join('');
};

const pencil: Draw = (p) =>
  [
    `<g transform="rotate(-35 400 420)">`,
    `<rect x="385" y="160" width="30" height="420" rx="6" fill="url(#cyl)"/>`,
    `<rect x="385" y="520" width="30" height="30" fill="url(#gold)"/>`,
    `<path d="M385 160 l15 -50 l15 50z" fill="#d9b48c"/><path d="M395 126 l5 -16 l5 16z" fill="#3b2a20"/>`,
    `<rect x="385" y="550" width="30" height="60" rx="8" fill="#6b5a4e"/>`,
    '</g>',
    `<g transform="rotate(-15 500 450)"><rect x="490" y="240" width="26" height="340" rx="6" fill="${p.dark}"/><rect x="490" y="240" width="26" height="340" rx="6" fill="url(#cyl)" opacity=".5"/></g>`,
  ].join('');

const perfume: Draw = (p) =>
  [
    `<path d="M290 360 l40 -40 h140 l40 40 v210 l-30 30 h-160 l-30 -30z" fill="url(#cyl)" opacity=".92"/>`,
    `<path d="M290 360 l40 -40 h140 l40 40 v210 l-30 30 h-160 l-30 -30z" fill="url(#glass)" opacity=".5"/>`,
    `<path d="M320 390 h160 v170 h-160z" fill="${p.main}" opacity=".55"/>`,
    `<rect x="370" y="280" width="60" height="42" fill="url(#gold)"/>`,
    `<rect x="345" y="190" width="110" height="94" rx="14" fill="url(#gold)"/>`,
    `<rect x="345" y="455" width="110" height="44" rx="4" fill="#fff" opacity=".75"/>`,
    highlight(305, 380, 12, 170),
  ].join('');

const candle: Draw = () =>
  [
    `<path d="M270 360 h260 v210 a30 30 0 0 1 -30 30 h-200 a30 30 0 0 1 -30 -30z" fill="url(#cyl)"/>`,
    `<ellipse cx="400" cy="360" rx="130" ry="24" fill="#f7efe0"/>`,
    `<rect x="397" y="300" width="6" height="56" fill="#333"/>`,
    `<path d="M400 230 q30 40 0 80 q-30 -40 0 -80z" fill="#ffb443"/><path d="M400 260 q14 22 0 44 q-14 -22 0 -44z" fill="#fff3b0"/>`,
    `<circle cx="400" cy="280" r="70" fill="#ffd27a" opacity=".18"/>`,
    `<rect x="320" y="450" width="160" height="70" rx="4" fill="#fff" opacity=".7"/>`,
    highlight(290, 380, 14, 190),
  ].join('');

// ---------- apparel ----------

const GARMENTS = new Set([
  'dress',
  'cardigan',
  'widepants',
  'tshirt',
  'shirt',
  'jeans',
  'downjacket',
  'homewear',
  'briefs',
  'romper',
  'kidshoodie',
]);

const hanger = `<path d="M400 150 a18 18 0 1 1 18 18 v14" stroke="#8b8f96" stroke-width="7" fill="none"/><path d="M400 182 L270 240 h260z" stroke="#8b8f96" stroke-width="7" fill="none" stroke-linejoin="round"/>`;

const dress: Draw = (p, r) => {
  const flowers = Array.from(
    { length: 22 },
    () =>
      `<circle cx="${Math.round(290 + r() * 220)}" cy="${Math.round(300 + r() * 290)}" r="${Math.round(5 + r() * 6)}" fill="#fff" opacity=".55"/>`,
  ).join('');
  return [
    hanger,
    `<path d="M340 220 q60 40 120 0 l20 10 q-10 60 -20 110 l10 30 l100 230 q-170 40 -340 0 l100 -230 l10 -30 q-10 -50 -20 -110z" fill="url(#face)"/>`,
    `<path d="M340 220 q60 40 120 0 l20 10 q-10 60 -20 110 l10 30 l100 230 q-170 40 -340 0 l100 -230 l10 -30 q-10 -50 -20 -110z" fill="url(#cyl)" opacity=".45"/>`,
    `<clipPath id="dc"><path d="M330 370 l140 0 l100 230 q-170 40 -340 0z"/></clipPath><g clip-path="url(#dc)">${flowers}</g>`,
    `<path d="M340 360 q60 18 120 0" stroke="${p.dark}" stroke-width="8" fill="none"/>`,
  ].join('');
};

const top =
  (opts: { long: boolean; hood?: boolean; open?: boolean; collar?: boolean; puffy?: boolean }): Draw =>
  (p) => {
    const sleeve = opts.long
      ? `<path d="M275 250 l-85 250 l55 20 l75 -200z" fill="url(#side)"/><path d="M525 250 l85 250 l-55 20 l-75 -200z" fill="url(#side)"/>`
      : `<path d="M275 250 l-85 90 l55 50 l60 -50z" fill="url(#side)"/><path d="M525 250 l85 90 l-55 50 l-60 -50z" fill="url(#side)"/>`;
    const puff = opts.puffy
      ? [0, 1, 2, 3, 4]
          .map((i) => `<path d="M275 ${300 + i * 60} h250" stroke="${p.dark}" stroke-width="4" opacity=".45"/>`)
          .join('')
      : '';
    return [
      hanger,
      sleeve,
      `<path d="M340 215 q60 35 120 0 l65 35 l-10 340 h-230 l-10 -340z" fill="url(#face)"/>`,
      `<path d="M340 215 q60 35 120 0 l65 35 l-10 340 h-230 l-10 -340z" fill="url(#cyl)" opacity=".35"/>`,
      opts.hood ? `<path d="M330 220 q70 -70 140 0 q-70 60 -140 0z" fill="${p.dark}"/>` : '',
      opts.open
        ? `<path d="M400 240 v350" stroke="${p.dark}" stroke-width="6"/>${[0, 1, 2, 3].map((i) => `<circle cx="412" cy="${300 + i * 70}" r="7" fill="#f4efe6"/>`).join('')}`
        : '',
      opts.collar
        ? `<path d="M340 215 l60 60 l60 -60 l-20 -10 l-40 40 l-40 -40z" fill="#fff" opacity=".9"/>`
        : `<path d="M340 215 q60 35 120 0" stroke="${p.dark}" stroke-width="8" fill="none"/>`,
      opts.hood ? `<rect x="340" y="470" width="120" height="70" rx="10" fill="${p.dark}" opacity=".35"/>` : '',
      puff,
    ].join('');
  };

const pants =
  (denim: boolean): Draw =>
  (p) =>
    [
      `<path d="M300 200 h200 l40 400 h-110 l-30 -300 l-30 300 h-110z" fill="url(#face)"/>`,
      `<path d="M300 200 h200 l40 400 h-110 l-30 -300 l-30 300 h-110z" fill="url(#cyl)" opacity=".35"/>`,
      `<rect x="300" y="200" width="200" height="30" fill="${p.dark}"/>`,
      denim
        ? `<path d="M320 240 q30 40 60 0 M420 240 q30 40 60 0" stroke="#f0c070" stroke-width="4" fill="none"/><path d="M400 230 v70" stroke="#f0c070" stroke-width="4" stroke-dasharray="8 6"/>`
        : `<path d="M400 230 v70" stroke="${p.dark}" stroke-width="4"/>`,
    ].join('');

const briefs: Draw = (p) =>
  [0, 1, 2]
    .map(
      (i) =>
        `<g transform="translate(${(i - 1) * 150} ${i === 1 ? -20 : 30}) scale(.62) translate(245 260)"><path d="M240 300 h320 v60 l-100 170 h-120 l-100 -170z" fill="url(#face)"/><rect x="240" y="300" width="320" height="40" fill="${p.dark}"/></g>`,
    )
    .join('');

const homewear: Draw = (p, r) => [top({ long: true, collar: true, open: true })(p, r), ''].join('');

const romper: Draw = (p) =>
  [
    hanger,
    `<path d="M340 220 q60 35 120 0 l70 40 l-20 60 l-30 -10 l10 230 h-90 l-10 -40 l-10 40 h-90 l10 -230 l-30 10 l-20 -60z" fill="url(#face)"/>`,
    `<path d="M340 220 q60 35 120 0" stroke="${p.dark}" stroke-width="8" fill="none"/>`,
    [0, 1, 2].map((i) => `<circle cx="400" cy="${300 + i * 60}" r="7" fill="#fff"/>`).join(''),
    `<circle cx="400" cy="420" r="40" fill="#fff" opacity=".4"/><circle cx="385" cy="410" r="6" fill="${p.dark}"/><circle cx="415" cy="410" r="6" fill="${p.dark}"/>`,
  ].join('');

// ---------- shoes & bags ----------

const shoe =
  (kind: 'sneaker' | 'canvas' | 'baby'): Draw =>
  (p) =>
    [
      `<path d="M190 560 h430 q20 0 20 -20 v-10 h-450z" fill="${kind === 'canvas' ? '#f6f3ec' : '#fff'}"/>`,
      `<path d="M190 530 q0 -110 60 -150 l80 -20 q40 60 110 70 q120 10 170 70 q30 20 30 60z" fill="url(#face)"/>`,
      `<path d="M190 530 q0 -110 60 -150 l80 -20 q40 60 110 70 q120 10 170 70 q30 20 30 60z" fill="url(#side)" opacity=".3"/>`,
      kind === 'sneaker'
        ? `<path d="M300 480 q80 -40 200 10" stroke="#fff" stroke-width="16" fill="none" opacity=".85"/>`
        : '',
      kind === 'canvas' ? `<path d="M520 480 q60 10 100 50" stroke="#f6f3ec" stroke-width="14" fill="none"/>` : '',
      [0, 1, 2]
        .map((i) => `<path d="M${345 + i * 28} ${400 + i * 10} l30 -10" stroke="#fff" stroke-width="6"/>`)
        .join(''),
      `<path d="M190 560 h450" stroke="${kind === 'sneaker' ? p.accent : '#d8d2c5'}" stroke-width="8"/>`,
    ].join('');

const tote: Draw = (p) =>
  [
    `<path d="M330 330 q0 -120 70 -120 q70 0 70 120" stroke="${p.dark}" stroke-width="18" fill="none"/>`,
    `<path d="M250 330 h300 l30 270 h-360z" fill="url(#face)"/>`,
    `<path d="M250 330 h300 l30 270 h-360z" fill="url(#cyl)" opacity=".35"/>`,
    `<path d="M250 330 h300 v40 h-300z" fill="${p.dark}" opacity=".35"/>`,
    `<rect x="385" y="365" width="30" height="26" rx="4" fill="url(#gold)"/>`,
    `<path d="M240 600 h320" stroke="${p.dark}" stroke-width="6" stroke-dasharray="10 8" opacity=".5"/>`,
  ].join('');

// ---------- baby ----------

const can: Draw = (p) =>
  [
    `<rect x="280" y="290" width="240" height="310" rx="14" fill="url(#cyl)"/>`,
    `<ellipse cx="400" cy="290" rx="120" ry="22" fill="url(#metal)"/>`,
    `<rect x="280" y="290" width="240" height="40" fill="url(#metal)" opacity=".85"/>`,
    `<circle cx="400" cy="450" r="70" fill="#fff" opacity=".85"/>`,
    `<path d="M370 460 q30 -60 60 0 q-30 30 -60 0z" fill="${p.accent}"/><circle cx="390" cy="445" r="5" fill="${p.dark}"/>`,
    highlight(300, 340, 14, 230),
  ].join('');

const box: Draw = (p) =>
  [
    `<path d="M260 320 l160 -60 l140 60 l-160 60z" fill="${p.light}"/>`,
    `<path d="M260 320 l140 60 v230 l-140 -60z" fill="url(#side)"/>`,
    `<path d="M400 380 l160 -60 v230 l-160 60z" fill="url(#face)"/>`,
    `<circle cx="480" cy="460" r="40" fill="#fff" opacity=".7"/>`,
    `<rect x="290" y="420" width="80" height="10" rx="5" fill="#fff" opacity=".6" transform="skewY(22) translate(0 -150)"/>`,
  ].join('');

const blocks: Draw = (p) => {
  const colours = [p.main, p.accent, '#f2c14e', '#5aa9e6', '#7bc67b', '#f28a8a'];
  const brick = (x: number, y: number, c: string) =>
    `<rect x="${x}" y="${y}" width="120" height="70" rx="8" fill="${c}"/><rect x="${x}" y="${y + 50}" width="120" height="20" rx="6" fill="#000" opacity=".12"/>${[0, 1].map((i) => `<ellipse cx="${x + 32 + i * 56}" cy="${y - 6}" rx="20" ry="10" fill="${c}"/><ellipse cx="${x + 32 + i * 56}" cy="${y - 10}" rx="20" ry="8" fill="#fff" opacity=".3"/>`).join('')}`;
  return [
    brick(230, 520, colours[0]!),
    brick(350, 520, colours[3]!),
    brick(470, 520, colours[4]!),
    brick(290, 440, colours[2]!),
    brick(410, 440, colours[5]!),
    brick(350, 360, colours[1]!),
  ].join('');
};

const book: Draw = (p) =>
  [
    `<path d="M240 300 l280 -40 l40 300 l-280 40z" fill="#f7f1e3"/>`,
    `<path d="M230 290 l280 -40 l40 300 l-280 40z" fill="url(#face)"/>`,
    `<circle cx="390" cy="390" r="60" fill="#fff" opacity=".75"/>`,
    `<path d="M360 400 q30 -50 60 0z" fill="${p.accent}"/><circle cx="410" cy="370" r="14" fill="#f2c14e"/>`,
    `<rect x="320" y="480" width="150" height="12" rx="6" fill="#fff" opacity=".7" transform="rotate(-8 400 480)"/>`,
    `<path d="M180 330 l250 -30 l30 260 l-250 30z" fill="${p.dark}" opacity=".35" transform="translate(-20 40)"/>`,
  ].join('');

const puzzle: Draw = (p) => {
  const piece = (x: number, y: number, c: string, rot: number) =>
    `<g transform="translate(${x} ${y}) rotate(${rot})"><path d="M0 0 h40 a20 20 0 1 1 40 0 h40 v40 a20 20 0 1 1 0 40 v40 h-120z" fill="${c}"/><path d="M0 0 h120 v12 h-120z" fill="#fff" opacity=".3"/></g>`;
  return [
    piece(250, 360, p.main, -8),
    piece(390, 330, p.accent, 6),
    piece(320, 470, '#f2c14e', 3),
    piece(460, 460, '#7bc67b', -12),
  ].join('');
};

// ---------- digital ----------

const headphones: Draw = (p) =>
  [
    `<path d="M250 470 q0 -260 150 -260 q150 0 150 260" stroke="${p.dark}" stroke-width="34" fill="none" stroke-linecap="round"/>`,
    `<path d="M250 470 q0 -260 150 -260 q150 0 150 260" stroke="#fff" stroke-width="8" fill="none" opacity=".25"/>`,
    `<rect x="200" y="420" width="110" height="170" rx="50" fill="url(#cyl)"/>`,
    `<rect x="490" y="420" width="110" height="170" rx="50" fill="url(#cyl)"/>`,
    `<rect x="286" y="440" width="30" height="130" rx="15" fill="#333"/><rect x="484" y="440" width="30" height="130" rx="15" fill="#333"/>`,
  ].join('');

const earbuds: Draw = (p) =>
  [
    `<rect x="270" y="420" width="260" height="180" rx="80" fill="url(#face)"/>`,
    `<rect x="270" y="420" width="260" height="180" rx="80" fill="url(#side)" opacity=".25"/>`,
    `<path d="M270 480 h260" stroke="${p.dark}" stroke-width="3" opacity=".5"/>`,
    `<circle cx="400" cy="540" r="6" fill="#7bc67b"/>`,
    `<g transform="rotate(-20 330 330)"><circle cx="330" cy="330" r="46" fill="url(#ball)"/><rect x="318" y="330" width="26" height="110" rx="13" fill="${p.light}"/></g>`,
    `<g transform="rotate(20 470 320)"><circle cx="470" cy="320" r="46" fill="url(#ball)"/><rect x="458" y="320" width="26" height="110" rx="13" fill="${p.light}"/></g>`,
  ].join('');

const speaker: Draw = (p) =>
  [
    `<rect x="230" y="330" width="340" height="260" rx="120" fill="url(#side)"/>`,
    `<rect x="230" y="330" width="340" height="260" rx="120" fill="url(#cyl)" opacity=".4"/>`,
    `<circle cx="330" cy="460" r="70" fill="${p.dark}"/><circle cx="330" cy="460" r="40" fill="#222" opacity=".6"/>`,
    `<circle cx="470" cy="460" r="70" fill="${p.dark}"/><circle cx="470" cy="460" r="40" fill="#222" opacity=".6"/>`,
    `<rect x="370" y="340" width="60" height="10" rx="5" fill="#fff" opacity=".6"/>`,
  ].join('');

const phone: Draw = () =>
  [
    `<rect x="290" y="190" width="220" height="410" rx="40" fill="url(#face)"/>`,
    `<rect x="290" y="190" width="220" height="410" rx="40" fill="url(#cyl)" opacity=".35"/>`,
    `<rect x="318" y="216" width="100" height="100" rx="24" fill="#2d2d30"/>`,
    `<circle cx="345" cy="243" r="18" fill="#111"/><circle cx="390" cy="243" r="18" fill="#111"/><circle cx="345" cy="288" r="18" fill="#111"/>`,
    `<circle cx="400" cy="450" r="34" fill="#fff" opacity=".55"/>`,
  ].join('');

const charger: Draw = (p) =>
  [
    `<rect x="300" y="330" width="200" height="240" rx="36" fill="url(#cyl)"/>`,
    `<rect x="350" y="270" width="16" height="64" rx="4" fill="url(#metal)"/><rect x="434" y="270" width="16" height="64" rx="4" fill="url(#metal)"/>`,
    `<rect x="340" y="500" width="50" height="16" rx="6" fill="#333"/><rect x="410" y="500" width="50" height="16" rx="6" fill="#333"/>`,
    `<path d="M410 390 l-30 50 h26 l-16 40 l40 -56 h-26z" fill="${p.accent}"/>`,
    highlight(318, 350, 12, 190),
    `<path d="M500 540 q120 40 80 -80" stroke="${p.dark}" stroke-width="12" fill="none"/>`,
  ].join('');

const powerbank: Draw = () =>
  [
    `<rect x="270" y="250" width="260" height="340" rx="46" fill="url(#face)"/>`,
    `<rect x="270" y="250" width="260" height="340" rx="46" fill="url(#cyl)" opacity=".4"/>`,
    `<circle cx="400" cy="420" r="78" fill="none" stroke="#fff" stroke-width="8" opacity=".7"/>`,
    [0, 1, 2, 3].map((i) => `<circle cx="${370 + i * 20}" cy="540" r="5" fill="#7bc67b"/>`).join(''),
  ].join('');

const cable: Draw = (p) =>
  [
    `<ellipse cx="400" cy="440" rx="150" ry="110" fill="none" stroke="${p.main}" stroke-width="22"/>`,
    `<ellipse cx="400" cy="440" rx="120" ry="86" fill="none" stroke="${p.dark}" stroke-width="22"/>`,
    `<ellipse cx="400" cy="440" rx="150" ry="110" fill="none" stroke="#fff" stroke-width="4" stroke-dasharray="6 10" opacity=".6"/>`,
    `<path d="M520 380 q60 -40 60 -120" stroke="${p.main}" stroke-width="22" fill="none"/>`,
    `<rect x="560" y="190" width="40" height="80" rx="8" fill="url(#metal)"/>`,
    `<path d="M280 500 q-60 60 -40 110" stroke="${p.main}" stroke-width="22" fill="none"/><rect x="220" y="600" width="40" height="70" rx="8" fill="url(#metal)"/>`,
  ].join('');

const band: Draw = (p) =>
  [
    `<rect x="350" y="170" width="100" height="470" rx="40" fill="url(#cyl)"/>`,
    `<rect x="320" y="320" width="160" height="170" rx="48" fill="#222"/>`,
    `<rect x="336" y="336" width="128" height="138" rx="38" fill="#111"/>`,
    `<text x="400" y="415" text-anchor="middle" font-family="Arial,sans-serif" font-size="40" font-weight="600" fill="#fff">10:08</text>`,
    `<circle cx="400" cy="446" r="6" fill="${p.accent}"/>`,
  ].join('');

const lamp: Draw = () =>
  [
    `<ellipse cx="400" cy="590" rx="120" ry="22" fill="url(#side)"/>`,
    `<path d="M400 580 l-60 -240 l160 -110" stroke="url(#metal)" stroke-width="18" fill="none" stroke-linecap="round"/>`,
    `<path d="M470 200 h160 l-20 60 h-120z" fill="url(#face)"/>`,
    `<path d="M490 260 l-60 260 h280 l-80 -260z" fill="#fff3b0" opacity=".25"/>`,
  ].join('');

const scale: Draw = (p) =>
  [
    `<path d="M220 470 h360 l-30 120 h-300z" fill="url(#side)"/>`,
    `<path d="M220 470 l60 -90 h240 l60 90z" fill="url(#glass)"/>`,
    `<path d="M220 470 l60 -90 h240 l60 90z" fill="${p.light}" opacity=".5"/>`,
    `<rect x="360" y="405" width="80" height="34" rx="6" fill="#222"/><text x="400" y="430" text-anchor="middle" font-family="Arial,sans-serif" font-size="22" fill="#7ef0a8">56.2</text>`,
    `<circle cx="290" cy="455" r="10" fill="url(#metal)"/><circle cx="510" cy="455" r="10" fill="url(#metal)"/>`,
  ].join('');

const camera: Draw = () =>
  [
    `<path d="M330 600 h140 l-20 -80 h-100z" fill="url(#side)"/>`,
    `<circle cx="400" cy="400" r="150" fill="url(#ball)"/>`,
    `<circle cx="400" cy="410" r="90" fill="#1d1d22"/>`,
    `<circle cx="400" cy="410" r="50" fill="#2f3b52"/><circle cx="385" cy="395" r="14" fill="#fff" opacity=".6"/>`,
    `<circle cx="460" cy="340" r="6" fill="#7bc67b"/>`,
  ].join('');

// ---------- food ----------

const pouch: Draw = (p) =>
  [
    `<path d="M280 250 h240 q10 170 30 340 h-300 q20 -170 30 -340z" fill="url(#face)"/>`,
    `<path d="M280 250 h240 q10 170 30 340 h-300 q20 -170 30 -340z" fill="url(#cyl)" opacity=".35"/>`,
    `<path d="M280 250 h240 v26 h-240z" fill="${p.dark}"/><circle cx="400" cy="300" r="8" fill="#fff"/>`,
    `<rect x="310" y="360" width="180" height="140" rx="70" fill="#fff" opacity=".82"/>`,
    [0, 1, 2].map((i) => `<ellipse cx="${360 + i * 40}" cy="430" rx="18" ry="24" fill="${p.accent}"/>`).join(''),
    highlight(300, 300, 12, 240),
  ].join('');

const jerky: Draw = (p) =>
  [
    pouch(p, () => 0.5),
    `<path d="M470 560 q60 -30 120 10 q-40 40 -120 -10z" fill="#7a3b24"/><path d="M520 590 q50 -10 80 20 q-40 20 -80 -20z" fill="#8c4a2f"/>`,
  ].join('');

const fruit =
  (colour: string, shade: string, kind: 'round' | 'grape' | 'mango' | 'apple'): Draw =>
  () => {
    const one = (x: number, y: number, rr: number) => {
      if (kind === 'grape') return `<circle cx="${x}" cy="${y}" r="${rr * 0.4}" fill="url(#fruit)"/>`;
      if (kind === 'mango')
        return `<ellipse cx="${x}" cy="${y}" rx="${rr * 1.1}" ry="${rr * 0.8}" fill="url(#fruit)" transform="rotate(-20 ${x} ${y})"/>`;
      return `<circle cx="${x}" cy="${y}" r="${rr}" fill="url(#fruit)"/>${kind === 'apple' ? `<path d="M${x} ${y - rr + 6} q6 -26 20 -30" stroke="#6b4a2c" stroke-width="6" fill="none"/>` : `<circle cx="${x}" cy="${y - rr + 10}" r="5" fill="#6b8e3a"/>`}`;
    };
    const spots =
      kind === 'grape'
        ? Array.from({ length: 22 }, (_, i) => {
            const row = Math.floor(Math.sqrt(i * 2));
            return one(330 + (i % 6) * 30 + row * 6, 330 + row * 36, 100);
          }).join('')
        : [one(320, 470, 90), one(480, 470, 90), one(400, 380, 90)].join('');
    return [
      `<radialGradient id="fruit" cx=".35" cy=".3" r=".8"><stop offset="0" stop-color="#fff" stop-opacity=".8"/><stop offset=".25" stop-color="${colour}"/><stop offset="1" stop-color="${shade}"/></radialGradient>`,
      `<ellipse cx="400" cy="560" rx="230" ry="50" fill="#f6f1e7"/><ellipse cx="400" cy="552" rx="200" ry="38" fill="#e9e1d2"/>`,
      spots,
      `<path d="M520 320 q60 -40 90 10 q-50 30 -90 -10z" fill="#5f9c45"/>`,
    ].join('');
  };

const teaTin: Draw = () =>
  [
    `<rect x="300" y="300" width="200" height="290" rx="12" fill="url(#cyl)"/>`,
    `<rect x="292" y="270" width="216" height="60" rx="10" fill="url(#gold)"/>`,
    `<rect x="330" y="380" width="140" height="150" rx="6" fill="#f7efe0"/>`,
    `<path d="M400 400 q40 40 0 110 q-40 -60 0 -110z" fill="#6d9a4a"/>`,
    `<path d="M520 560 q30 -30 60 0 q-30 24 -60 0z M560 590 q30 -30 60 0 q-30 24 -60 0z" fill="#7aa455"/>`,
  ].join('');

const teaCake: Draw = (p) =>
  [
    `<ellipse cx="400" cy="520" rx="220" ry="70" fill="#9b7a5a"/>`,
    `<ellipse cx="400" cy="490" rx="220" ry="70" fill="#f3ead7"/>`,
    `<ellipse cx="400" cy="490" rx="120" ry="36" fill="${p.main}" opacity=".35"/>`,
    `<text x="400" y="502" text-anchor="middle" font-family="serif" font-size="34" fill="${p.dark}">普洱</text>`,
    `<path d="M230 470 q170 -60 340 0" stroke="#d8cdb6" stroke-width="3" fill="none"/>`,
  ].join('');

const bottle: Draw = (p) =>
  [
    `<path d="M350 280 h100 v40 q40 30 40 80 v180 q0 20 -20 20 h-140 q-20 0 -20 -20 v-180 q0 -50 40 -80z" fill="url(#glass)"/>`,
    `<path d="M312 420 h176 v160 q0 20 -20 20 h-136 q-20 0 -20 -20z" fill="${p.main}" opacity=".75"/>`,
    `<rect x="345" y="240" width="110" height="44" rx="6" fill="${p.dark}"/>`,
    `<rect x="330" y="450" width="140" height="80" rx="4" fill="#fff" opacity=".8"/>`,
    highlight(325, 330, 12, 230),
  ].join('');

const coffee: Draw = (p) =>
  [
    `<rect x="250" y="330" width="170" height="260" rx="20" fill="url(#glass)"/>`,
    `<rect x="256" y="400" width="158" height="184" rx="16" fill="#5b3a26"/>`,
    `<rect x="246" y="300" width="178" height="44" rx="8" fill="${p.dark}"/>`,
    `<path d="M460 470 h140 v80 a40 40 0 0 1 -40 40 h-60 a40 40 0 0 1 -40 -40z" fill="#fff"/>`,
    `<path d="M600 490 a24 24 0 0 1 0 48" stroke="#fff" stroke-width="10" fill="none"/>`,
    `<ellipse cx="530" cy="470" rx="70" ry="12" fill="#6b4128"/>`,
    `<path d="M510 440 q10 -20 0 -40 M540 440 q10 -20 0 -40" stroke="#fff" stroke-width="5" opacity=".6" fill="none"/>`,
  ].join('');

// ---------- home ----------

const folded: Draw = (p) =>
  [0, 1, 2]
    .map((i) => {
      const y = 500 - i * 90;
      return `<rect x="${240 + i * 6}" y="${y}" width="${320 - i * 12}" height="86" rx="18" fill="url(#face)"/><rect x="${240 + i * 6}" y="${y + 60}" width="${320 - i * 12}" height="26" rx="12" fill="${p.dark}" opacity=".35"/><path d="M${260 + i * 6} ${y + 30} h${280 - i * 12}" stroke="#fff" stroke-width="3" stroke-dasharray="12 8" opacity=".6"/>`;
    })
    .join('');

const pillow: Draw = () =>
  [
    `<path d="M220 380 q180 -60 360 0 q30 100 0 200 q-180 40 -360 0 q-30 -100 0 -200z" fill="url(#face)"/>`,
    `<path d="M220 380 q180 -60 360 0 q30 100 0 200 q-180 40 -360 0 q-30 -100 0 -200z" fill="url(#cyl)" opacity=".3"/>`,
    `<path d="M260 430 q140 -30 280 0" stroke="#fff" stroke-width="6" opacity=".5" fill="none"/>`,
  ].join('');

const wok: Draw = (p) =>
  [
    `<path d="M210 420 h380 q0 160 -190 160 q-190 0 -190 -160z" fill="#2b2b2e"/>`,
    `<ellipse cx="400" cy="420" rx="190" ry="40" fill="#3b3b40"/><ellipse cx="400" cy="426" rx="170" ry="30" fill="#1c1c1f"/>`,
    `<rect x="585" y="405" width="170" height="30" rx="14" fill="${p.dark}" transform="rotate(-8 585 420)"/>`,
    `<path d="M250 470 q150 60 300 0" stroke="#fff" stroke-width="6" opacity=".15" fill="none"/>`,
  ].join('');

const dishes: Draw = (p) =>
  [
    `<ellipse cx="360" cy="550" rx="200" ry="50" fill="#f7f4ee"/><ellipse cx="360" cy="545" rx="150" ry="34" fill="#ece6da"/>`,
    `<ellipse cx="360" cy="545" rx="180" ry="44" fill="none" stroke="${p.main}" stroke-width="6"/>`,
    `<path d="M400 420 h220 q0 120 -110 120 q-110 0 -110 -120z" fill="#f7f4ee"/>`,
    `<ellipse cx="510" cy="420" rx="110" ry="24" fill="#ece6da"/>`,
    `<path d="M420 470 q90 40 180 0" stroke="${p.main}" stroke-width="8" fill="none"/>`,
    `<circle cx="470" cy="490" r="8" fill="${p.accent}"/><circle cx="510" cy="500" r="8" fill="${p.accent}"/><circle cx="550" cy="490" r="8" fill="${p.accent}"/>`,
  ].join('');

const thermos: Draw = () =>
  [
    `<rect x="330" y="230" width="140" height="370" rx="30" fill="url(#cyl)"/>`,
    `<rect x="322" y="200" width="156" height="70" rx="16" fill="url(#metal)"/>`,
    `<rect x="330" y="560" width="140" height="40" rx="20" fill="url(#metal)" opacity=".8"/>`,
    highlight(348, 290, 14, 250),
  ].join('');

const knives: Draw = (p) =>
  [
    `<path d="M300 330 l180 -40 l60 300 h-220z" fill="url(#wood)"/>`,
    [0, 1, 2, 3, 4]
      .map(
        (i) =>
          `<rect x="${330 + i * 30}" y="${240 - i * 6}" width="18" height="90" rx="6" fill="#222" transform="rotate(-12 ${340 + i * 30} 300)"/>`,
      )
      .join(''),
    `<path d="M540 600 l40 -300 q30 -10 20 40 l-30 260z" fill="url(#metal)"/><rect x="548" y="600" width="30" height="10" fill="${p.dark}"/>`,
  ].join('');

const storage: Draw = (p) =>
  [
    `<path d="M240 340 h320 l-20 250 h-280z" fill="url(#glass)"/>`,
    `<path d="M240 340 h320 l-20 250 h-280z" fill="${p.light}" opacity=".55"/>`,
    `<rect x="228" y="310" width="344" height="40" rx="10" fill="url(#face)"/>`,
    `<rect x="290" y="420" width="220" height="140" rx="6" fill="${p.main}" opacity=".35"/>`,
    `<rect x="370" y="316" width="60" height="12" rx="6" fill="${p.dark}"/>`,
  ].join('');

const hangers: Draw = (p) =>
  [0, 1, 2]
    .map(
      (i) =>
        `<g transform="translate(${(i - 1) * 40} ${i * 60})"><path d="M400 220 a18 18 0 1 1 18 18 v14 M400 252 L240 340 h320z" stroke="${i === 1 ? p.dark : p.main}" stroke-width="14" fill="none" stroke-linejoin="round"/></g>`,
    )
    .join('');

const spray: Draw = (p) =>
  [
    `<path d="M330 330 h140 l10 250 q0 20 -20 20 h-120 q-20 0 -20 -20z" fill="url(#cyl)"/>`,
    `<path d="M360 270 h80 v64 h-80z" fill="#fff"/>`,
    `<path d="M340 230 h150 l20 30 h-40 v14 h-130z" fill="${p.dark}"/>`,
    `<rect x="430" y="272" width="18" height="70" rx="8" fill="${p.dark}"/>`,
    `<rect x="350" y="420" width="100" height="110" rx="4" fill="#fff" opacity=".8"/>`,
    `<circle cx="400" cy="470" r="24" fill="${p.accent}"/>`,
  ].join('');

const parcel: Draw = (p) =>
  [
    box(p, () => 0.5),
    `<path d="M330 290 l160 60 v230" stroke="${p.accent}" stroke-width="14" fill="none" opacity=".8"/>`,
  ].join('');

const DRAWINGS: Record<string, Draw> = {
  cream: jar,
  serum: dropper,
  cleanser: tube,
  mask: sachet,
  sunscreen: tube,
  lipstick,
  foundation: pump,
  eyeshadow: palette9,
  eyebrow: pencil,
  perfume,
  candle,
  handcream: tube,
  dress,
  cardigan: top({ long: true, open: true }),
  widepants: pants(false),
  tshirt: top({ long: false }),
  shirt: top({ long: true, collar: true, open: true }),
  jeans: pants(true),
  downjacket: top({ long: true, open: true, puffy: true }),
  sneakers: shoe('sneaker'),
  canvas: shoe('canvas'),
  bag: tote,
  homewear,
  briefs,
  formula: can,
  ricecereal: pouch,
  wipes: sachet,
  diapers: box,
  romper,
  kidshoodie: top({ long: true, hood: true }),
  toddlershoes: shoe('baby'),
  blocks,
  readingpen: pencil,
  puzzle,
  picturebook: book,
  charger,
  powerbank,
  cable,
  phonecase: phone,
  band,
  desklamp: lamp,
  scale,
  camera,
  earbuds,
  speaker,
  headphones,
  nuts: pouch,
  beefjerky: jerky,
  biscuit: box,
  tofu: pouch,
  orange: fruit('#ffa630', '#d8701a', 'round'),
  grape: fruit('#c8e07a', '#7fa53a', 'grape'),
  apple: fruit('#e5484d', '#9e1f25', 'apple'),
  mango: fruit('#ffd35a', '#e59a1c', 'mango'),
  longjing: teaTin,
  puer: teaCake,
  coffee,
  oolong: bottle,
  bedset: folded,
  quilt: folded,
  pillow,
  wok,
  tableware: dishes,
  thermos,
  knife: knives,
  storagebox: storage,
  vacuumbag: sachet,
  cleaner: spray,
  hanger: hangers,
};

/** Kinds with their own drawing (anything else draws a parcel). */
export const ART_KINDS: readonly string[] = Object.keys(DRAWINGS);

// ---------- colour ----------

/** Product colourways per kind: apparel and beauty in fashion colours, fruit fixed, the rest muted. */
function palette(seed: number, kind: string, view: number): Palette {
  const hues = [350, 12, 28, 42, 150, 175, 200, 220, 260, 290, 320];
  const h = hues[seed % hues.length]!;
  const neutral = ['cable', 'charger', 'powerbank', 'headphones', 'earbuds', 'speaker', 'camera', 'scale', 'thermos'];
  const s = neutral.includes(kind) ? 0.12 + (seed % 5) * 0.05 : 0.45;
  const l = neutral.includes(kind) && seed % 3 === 0 ? 0.3 : 0.55;
  const bgHue = (h + 30 + view * 47) % 360;
  return {
    main: hsl(h, s, l),
    dark: hsl(h, s, l - 0.2),
    light: hsl(h, s, Math.min(0.92, l + 0.25)),
    accent: hsl((h + 160) % 360, 0.5, 0.6),
    bgTop: hsl(bgHue, 0.35, 0.95),
    bgBottom: hsl(bgHue, 0.3, 0.86),
    floor: hsl(bgHue, 0.22, 0.8),
  };
}

function hsl(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return `#${[f(0), f(8), f(4)]
    .map((x) =>
      Math.round(Math.max(0, Math.min(1, x)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return Math.round(h * 60 + 360) % 360;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: small details (dots, flowers) vary per picture but never between requests. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
