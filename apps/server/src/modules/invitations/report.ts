import { sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';

interface InviterRow {
  inviterId: string;
  nickname: string;
  /** Direct invitees. */
  invitees: number;
  /** Everyone below the inviter, at any level. */
  downline: number;
  /** The deepest level below the inviter (1 = only direct invitees). */
  chainLength: number;
  /** Direct invitees with at least one paid order. */
  converted: number;
  rewarded: number;
  orders: number;
  refundedOrders: number;
  /** Direct invitees who paid two or more orders: the "quality" of who was brought in. */
  repeatBuyers: number;
  /** What direct invitees paid, less refunds (fen). */
  netGmv: number;
}

export interface FissionReport {
  totals: {
    inviters: number;
    invitees: number;
    converted: number;
    rewarded: number;
    orders: number;
    refundedOrders: number;
    repeatBuyers: number;
    netGmv: number;
    maxChainLength: number;
  };
  /** How many invitations sit at each depth of their chain (depth 1 = invited by a root user). */
  depthHistogram: { depth: number; invitees: number }[];
  inviters: InviterRow[];
  nextCursor: string | null;
}

type Num = string | number | null;
const n = (v: Num | undefined) => Number(v ?? 0);
/** Raw SQL answers: both drivers return `{ rows }`. */
const rowsOf = (result: unknown): Record<string, Num>[] => (result as { rows: Record<string, Num>[] }).rows;

/**
 * The operator's fission report: per inviter, how long their chain grew, how many invitees went on to buy, how
 * many of those orders were refunded and how much the invitees spent. Sorted by direct invitees; offset pages.
 */
export async function fissionReport(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<FissionReport> {
  requireOperator(ctx.actor);
  const limit = query.limit ?? 20;
  const offset = query.cursor ? Number(query.cursor) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw badRequest('分页游标无效', '请从第一页重新加载');
  const perInviter = sql`
    with buyer as (
      select invitee_id, inviter_id, count(*) as orders,
             count(*) filter (where status = 'refunded') as refunded,
             sum(pay_amount - refunded_amount) as net
      from invitee_orders group by invitee_id, inviter_id
    ), direct as (
      select i.inviter_id, count(*) as invitees,
             count(b.invitee_id) as converted,
             count(*) filter (where i.reward_status = 'rewarded') as rewarded,
             coalesce(sum(b.orders), 0) as orders, coalesce(sum(b.refunded), 0) as refunded,
             count(*) filter (where b.orders >= 2) as repeat_buyers, coalesce(sum(b.net), 0) as net
      from invitations i left join buyer b on b.invitee_id = i.invitee_id
      group by i.inviter_id
    ), chain as (
      select a.anc as inviter_id, count(*) as downline, max(a.lvl) as chain_length
      from invitations, unnest(ancestors) with ordinality as a(anc, lvl)
      group by a.anc
    )
    select d.*, c.downline, c.chain_length from direct d join chain c on c.inviter_id = d.inviter_id`;
  const rows = rowsOf(
    await ctx.db.execute(sql`${perInviter} order by d.invitees desc, d.inviter_id limit ${limit + 1} offset ${offset}`),
  );
  const [totals] = rowsOf(
    await ctx.db
      .execute(sql`select count(*) as inviters, coalesce(sum(invitees), 0) as invitees, coalesce(sum(converted), 0) as converted,
      coalesce(sum(rewarded), 0) as rewarded, coalesce(sum(orders), 0) as orders, coalesce(sum(refunded), 0) as refunded,
      coalesce(sum(repeat_buyers), 0) as repeat_buyers, coalesce(sum(net), 0) as net, coalesce(max(chain_length), 0) as max_chain
      from (${perInviter}) t`),
  );
  const depths = rowsOf(
    await ctx.db.execute(
      sql`select cardinality(ancestors) as depth, count(*) as invitees from invitations group by 1 order by 1`,
    ),
  );
  const shown = rows.slice(0, limit);
  const names = await publicProfiles(
    ctx.db,
    shown.map((r) => String(r.inviter_id)),
  );
  return {
    totals: {
      inviters: n(totals?.inviters ?? 0),
      invitees: n(totals?.invitees ?? 0),
      converted: n(totals?.converted ?? 0),
      rewarded: n(totals?.rewarded ?? 0),
      orders: n(totals?.orders ?? 0),
      refundedOrders: n(totals?.refunded ?? 0),
      repeatBuyers: n(totals?.repeat_buyers ?? 0),
      netGmv: n(totals?.net ?? 0),
      maxChainLength: n(totals?.max_chain ?? 0),
    },
    depthHistogram: depths.map((d) => ({ depth: n(d.depth), invitees: n(d.invitees) })),
    inviters: shown.map((r) => ({
      inviterId: String(r.inviter_id),
      nickname: names.get(String(r.inviter_id))?.nickname ?? '好物用户',
      invitees: n(r.invitees),
      downline: n(r.downline),
      chainLength: n(r.chain_length),
      converted: n(r.converted),
      rewarded: n(r.rewarded),
      orders: n(r.orders),
      refundedOrders: n(r.refunded),
      repeatBuyers: n(r.repeat_buyers),
      netGmv: n(r.net),
    })),
    nextCursor: rows.length > limit ? String(offset + limit) : null,
  };
}
