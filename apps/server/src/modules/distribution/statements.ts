import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import { csvField } from '../../platform/csv.ts';
import type { Ctx } from '../../platform/context.ts';
import { ledgerEntries, ledgerJournals } from '../../platform/schema.ts';
import { accounts } from './accounts.ts';
import { commissions, withdrawals } from './schema.ts';

const HEADER = ['日期', '类型', '订单号/提现单号', '商品', '金额(元)', '状态', '代扣个税(元)', '实发(元)'];
const STATUS: Record<string, string> = {
  pending: '待结算',
  settled: '已结算',
  reversed: '已冲回',
  processing: '打款中',
  paid: '已到账',
  failed: '失败已退回',
};

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Month bounds in Beijing time: '2026-11' → [2026-10-31T16:00Z, 2026-11-30T16:00Z). */
function monthBounds(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000);
  const end = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
  return [start, end];
}

const shanghaiTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The promoter's statement for one month, for their records and tax: commissions recorded that month (amount net
 * of refunds, with their current status), invitation rewards, and withdrawals with the tax withheld and the net paid.
 * UTF-8 with a BOM so spreadsheet programs show the Chinese correctly.
 */
export async function monthlyStatementCsv(ctx: Ctx, month: string): Promise<string> {
  const user = requireUser(ctx.actor);
  const [start, end] = monthBounds(month);
  const rows: { at: Date; cells: string[] }[] = [];
  const cms = await ctx.db
    .select()
    .from(commissions)
    .where(
      and(eq(commissions.promoterId, user.userId), gte(commissions.createdAt, start), lt(commissions.createdAt, end)),
    )
    .orderBy(asc(commissions.createdAt));
  for (const c of cms) {
    const partly = c.reversedAmount > 0 && c.reversedAmount < c.amount ? `（退款冲回 ${yuan(c.reversedAmount)}）` : '';
    rows.push({
      at: c.createdAt,
      cells: [
        csvField(shanghaiTime(c.createdAt)),
        csvField(c.level === 1 ? '推广佣金' : '二级佣金'),
        csvField(c.orderId),
        csvField(c.productTitle),
        csvField(yuan(c.amount - c.reversedAmount), false),
        csvField(`${STATUS[c.status]}${partly}`),
        csvField('0.00', false),
        csvField('', false),
      ],
    });
  }
  const rewards = await ctx.db
    .select({
      at: ledgerEntries.createdAt,
      amount: ledgerEntries.amount,
      refId: ledgerJournals.refId,
      memo: ledgerJournals.memo,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
    .where(
      and(
        eq(ledgerEntries.account, accounts.promoterAvailable(user.userId)),
        eq(ledgerJournals.kind, 'invite.reward'),
        gte(ledgerEntries.createdAt, start),
        lt(ledgerEntries.createdAt, end),
      ),
    );
  for (const r of rewards) {
    rows.push({
      at: r.at,
      cells: [
        csvField(shanghaiTime(r.at)),
        csvField('邀请奖励'),
        csvField(''),
        csvField(r.memo ?? ''),
        csvField(yuan(-r.amount), false),
        csvField('已到账'),
        csvField('0.00', false),
        csvField('', false),
      ],
    });
  }
  const wds = await ctx.db
    .select()
    .from(withdrawals)
    .where(
      and(eq(withdrawals.userId, user.userId), gte(withdrawals.requestedAt, start), lt(withdrawals.requestedAt, end)),
    );
  for (const w of wds) {
    const paid = w.status !== 'failed';
    rows.push({
      at: w.requestedAt,
      cells: [
        csvField(shanghaiTime(w.requestedAt)),
        csvField('提现'),
        csvField(w.id),
        csvField(`至 ${w.maskedAccount}`),
        csvField(yuan(w.amount), false),
        csvField(STATUS[w.status] ?? w.status),
        csvField(yuan(paid ? w.withheld : 0), false),
        csvField(yuan(paid ? w.net : 0), false),
      ],
    });
  }
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  const lines = [HEADER.map((h) => csvField(h)).join(','), ...rows.map((r) => r.cells.join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
