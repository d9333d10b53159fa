import { encode } from 'uqr';
import type { Ctx } from '../../platform/context.ts';
import { formatYuan } from '../../platform/money.ts';
import { getGroupPage } from './queries.ts';

// The share poster: a server-rendered SVG with the product, price, the group's real members (initials of paid
// members only, never placeholders) and a QR code of the share link. SVG so it stays crisp and needs no canvas.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const clip = (s: string, n: number) =>
  Array.from(s).length > n
    ? `${Array.from(s)
        .slice(0, n - 1)
        .join('')}…`
    : s;

function qrPath(text: string, x: number, y: number, box: number): string {
  const { data, size } = encode(text, { ecc: 'M', border: 1 });
  const cell = box / size;
  const parts: string[] = [];
  data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark)
        parts.push(
          `M${(x + c * cell).toFixed(2)} ${(y + r * cell).toFixed(2)}h${cell.toFixed(2)}v${cell.toFixed(2)}h-${cell.toFixed(2)}z`,
        );
    }),
  );
  return `<rect x="${x}" y="${y}" width="${box}" height="${box}" fill="#fff"/><path d="${parts.join('')}" fill="#111"/>`;
}

export async function groupPosterSvg(ctx: Ctx, groupId: string, shareUrl: string): Promise<string> {
  const { group, campaign } = await getGroupPage(ctx, groupId);
  const paid = group.members.filter((m) => m.status === 'paid');
  const left = group.size - group.paidCount;
  const status =
    group.status === 'succeeded'
      ? '已成团'
      : group.status === 'failed'
        ? '未成团，已全额退款'
        : `${group.size} 人团 · 还差 ${left} 人`;
  const avatars = paid
    .slice(0, 8)
    .map((m, i) => {
      const cx = 60 + i * 64;
      const initial = esc(Array.from(m.nickname)[0] ?? '友');
      return `<circle cx="${cx}" cy="520" r="26" fill="${m.isLeader ? '#ff4d4f' : '#ffa940'}"/><text x="${cx}" y="529" font-size="24" text-anchor="middle" fill="#fff">${initial}</text>${
        m.isLeader ? `<text x="${cx}" y="566" font-size="16" text-anchor="middle" fill="#ff4d4f">团长</text>` : ''
      }`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900" viewBox="0 0 600 900" font-family="'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif">
<rect width="600" height="900" fill="#fff7f0"/>
<rect width="600" height="120" fill="#ff4d4f"/>
<text x="40" y="75" font-size="40" font-weight="700" fill="#fff">好物拼团</text>
<text x="560" y="75" font-size="22" text-anchor="end" fill="#fff">${esc(clip(campaign.merchantName, 12))}</text>
<text x="40" y="190" font-size="30" font-weight="600" fill="#222">${esc(clip(campaign.productTitle, 18))}</text>
<text x="40" y="230" font-size="22" fill="#666">${esc(clip(campaign.specText, 24))}</text>
<text x="40" y="330" font-size="28" fill="#ff4d4f">拼团价</text>
<text x="150" y="330" font-size="64" font-weight="700" fill="#ff4d4f">${esc(formatYuan(campaign.groupPrice))}</text>
<text x="40" y="380" font-size="24" fill="#999">单买价 ${esc(formatYuan(campaign.skuPrice))}</text>
<text x="40" y="460" font-size="28" font-weight="600" fill="#222">${esc(status)}</text>
${avatars}
${qrPath(shareUrl, 200, 610, 200)}
<text x="300" y="850" font-size="24" text-anchor="middle" fill="#666">长按识别二维码，和我一起拼</text>
</svg>`;
}
