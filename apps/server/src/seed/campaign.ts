import type { Deps } from '../deps.ts';
import { findUserIdByPhone } from '../modules/accounts/service.ts';
import { getProductSkus, listMerchants, listOwnProducts } from '../modules/catalog/service.ts';
import { createFlashSale, listMerchantFlashSales } from '../modules/flashsale/service.ts';
import type { Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import { DEMO_MERCHANTS } from './data/merchants.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

/**
 * Keeps the demo marketplace "a week into a campaign" on every start, not only the first: each of the first demo
 * shops has a 秒杀 slot running now and one coming up next (titles say 演示). Slots are created through the flash-sale
 * use-case on the real clock — stock is set aside from the shop's real SKUs, prices are below today's price — so
 * a server started next week still opens on a live 秒杀 channel. Shops that already have a running and an upcoming
 * slot are left alone; on a database without the demo shops nothing happens.
 */

const HOUR = 3_600_000;
const FLASH_SHOPS = 3;
const seedOperator: Actor = { kind: 'user', userId: 'system:seed', sessionId: 'seed', roles: ['operator'], staff: [] };

export interface CampaignRefresh {
  flashSlotsCreated: number;
}

export async function refreshDemoCampaign(deps: Deps): Promise<CampaignRefresh> {
  let flashSlotsCreated = 0;
  for (const shop of DEMO_MERCHANTS.slice(0, FLASH_SHOPS)) {
    const owner = await demoOwner(deps, shop.name, shop.ownerPhone);
    if (!owner) continue;
    flashSlotsCreated += await ensureFlashSlots(deps, owner, shop.key);
  }
  return { flashSlotsCreated };
}

/** The demo shop's owner as an actor, found by the shop's name and the owner's phone; undefined when not seeded. */
async function demoOwner(deps: Deps, name: string, phone: string): Promise<Actor | undefined> {
  const found = await listMerchants(makeCtx(deps, seedOperator), { q: name, limit: 5 });
  const merchant = found.items.find((m) => m.name === name);
  const userId = await findUserIdByPhone(deps, deps.database.db, phone);
  if (!merchant || !userId) return undefined;
  return {
    kind: 'user',
    userId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [merchantMembership(merchant.id, 'owner')],
  };
}

async function ensureFlashSlots(deps: Deps, owner: Actor, shopKey: string): Promise<number> {
  const ctx = makeCtx(deps, owner);
  const slots = await listMerchantFlashSales(ctx);
  const hasLive = slots.some((s) => s.state === 'live');
  const upcoming = slots.filter((s) => s.state === 'upcoming');
  if (hasLive && upcoming.length > 0) return 0;

  const now = deps.clock.now().getTime();
  // Slots run on the hour, as shops schedule them: the current one ends two to three hours from now.
  const hourStart = Math.floor(now / HOUR) * HOUR;
  const liveEnds = hourStart + 3 * HOUR;
  const running = slots.filter((s) => s.state === 'live').map((s) => Date.parse(s.endsAt));
  const nextStarts = upcoming.length > 0 ? null : hasLive ? Math.max(...running) : liveEnds;
  const products = await listOwnProducts(ctx, { status: 'listed', limit: 24 });
  const skus = (
    await getProductSkus(
      deps.database.db,
      products.items.map((p) => p.id),
    )
  ).filter((s) => s.stock >= 60 && s.price >= 2_000);
  // One SKU per product, different products in the two slots.
  const perProduct = [...new Map(skus.map((s) => [s.productId, s])).values()];
  let created = 0;
  const slot = async (title: string, startsAt: number, endsAt: number, picks: typeof perProduct) => {
    if (picks.length === 0) return;
    const result = await createFlashSale(ctx, {
      title,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      items: picks.map((s, i) => ({
        skuId: s.skuId,
        flashPrice: flashPrice(s.price),
        quantity: 20 + ((i * 7 + shopKey.length) % 4) * 10,
        perUserLimit: 1,
      })),
    });
    if (!result.ok) throw new Error(`[seed] 演示秒杀场次创建失败：${result.type} ${result.detail ?? ''}`);
    created++;
  };
  if (!hasLive) await slot('限时秒杀（演示）', now, liveEnds, perProduct.slice(0, 3));
  if (nextStarts !== null) await slot('下一场秒杀（演示）', nextStarts, nextStarts + 2 * HOUR, perProduct.slice(3, 6));
  return created;
}

/** About 30% off, written as shops write prices (¥61.9): whole yuan minus one jiao, in fen. */
function flashPrice(price: number): number {
  return Math.max(90, Math.floor((price * 0.7) / 100) * 100 - 10);
}
