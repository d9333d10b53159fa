import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { type CampaignBaseDto, campaignViews as baseCampaignViews } from '../orders/api.ts';
import { bargainCampaigns, bargainHelps, bargains, type BargainStatus } from './schema.ts';

type CampaignRow = typeof bargainCampaigns.$inferSelect;
type BargainRow = typeof bargains.$inferSelect;

export interface BargainCampaignDto extends CampaignBaseDto {
  floorPrice: number;
  helpsNeeded: number;
}

export const campaignViews = (db: Db, rows: CampaignRow[], now: Date): Promise<BargainCampaignDto[]> =>
  baseCampaignViews(db, rows, now, (r) => ({ floorPrice: r.floorPrice, helpsNeeded: r.helpsNeeded }));

export interface BargainDto {
  id: string;
  campaignId: string;
  status: BargainStatus;
  ownerNickname: string;
  startPrice: number;
  floorPrice: number;
  currentPrice: number;
  helpsNeeded: number;
  helpsCount: number;
  /** The seed of the step schedule: steps = bargainSteps(seed, startPrice − floorPrice, helpsNeeded). */
  seed: string;
  expiresAt: string;
  orderId: string | null;
  helpers: { nickname: string; avatarUrl: string | null; amount: number; at: string }[];
  campaign: BargainCampaignDto;
  /** For the signed-in viewer. */
  isMine: boolean;
  iHelped: boolean;
}

export async function bargainView(db: Db, b: BargainRow, viewerId: string | undefined, now: Date): Promise<BargainDto> {
  const [campaign] = await db.select().from(bargainCampaigns).where(eq(bargainCampaigns.id, b.campaignId));
  const helps = await db
    .select()
    .from(bargainHelps)
    .where(eq(bargainHelps.bargainId, b.id))
    .orderBy(asc(bargainHelps.seq));
  const profiles = await publicProfiles(db, [b.userId, ...helps.map((h) => h.helperId)]);
  return {
    id: b.id,
    campaignId: b.campaignId,
    status: b.status,
    ownerNickname: profiles.get(b.userId)?.nickname ?? '用户',
    startPrice: b.startPrice,
    floorPrice: b.floorPrice,
    currentPrice: b.currentPrice,
    helpsNeeded: b.helpsNeeded,
    helpsCount: b.helpsCount,
    seed: b.seed,
    expiresAt: b.expiresAt.toISOString(),
    orderId: viewerId === b.userId ? b.orderId : null,
    helpers: helps.map((h) => ({
      nickname: profiles.get(h.helperId)?.nickname ?? '好友',
      avatarUrl: profiles.get(h.helperId)?.avatarUrl ?? null,
      amount: h.amount,
      at: h.createdAt.toISOString(),
    })),
    campaign: (await campaignViews(db, [campaign!], now))[0]!,
    isMine: viewerId === b.userId,
    iHelped: viewerId !== undefined && helps.some((h) => h.helperId === viewerId),
  };
}
