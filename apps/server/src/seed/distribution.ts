import type { Deps } from '../deps.ts';
import { findUserIdByPhone } from '../modules/accounts/service.ts';
import { createAffiliateLink, putMerchantRule, putPlatformRule } from '../modules/distribution/service.ts';
import { bindInvitation, ensureInviteCode } from '../modules/invitations/service.ts';
import type { Membership, Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import type { Result } from '../platform/errors.ts';
import type { SeedBuyer, SeedProduct } from './journeys.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

const userActor = (userId: string, staff: Membership[] = [], operator = false): Actor => ({
  kind: 'user',
  userId,
  sessionId: 'seed',
  roles: operator ? ['consumer', 'operator'] : ['consumer'],
  staff,
});

function must<V>(result: Result<V>, what: string): V {
  if (!result.ok) throw new Error(`[seed] ${what}: ${result.type} ${result.detail ?? ''}`);
  return result.value;
}

/**
 * Demo commission rules (a platform default, a beauty category default, one shop's own rules), a few affiliate links
 * and invitation chains among the demo consumers — bound before any of them buys, so the fission threshold and the
 * report then follow from the demo orders the journeys place. Runs before the journeys.
 */
export async function seedDistribution(
  deps: Deps,
  input: { operatorPhone: string; buyers: SeedBuyer[]; products: SeedProduct[] },
  progress: (line: string) => void,
): Promise<void> {
  const operatorId = await findUserIdByPhone(deps, deps.database.db, input.operatorPhone);
  if (!operatorId) throw new Error('[seed] 演示运营账号不存在');
  const operator = makeCtx(deps, userActor(operatorId, [], true));
  must(
    await putPlatformRule(operator, { scope: 'default', target: '*', rateBp: 500, capAmount: 5000, secondRateBp: 0 }),
    '平台默认佣金',
  );
  must(
    await putPlatformRule(operator, {
      scope: 'category',
      target: 'cat_skincare',
      rateBp: 800,
      capAmount: 8000,
      secondRateBp: 100,
    }),
    '类目佣金',
  );

  const first = input.products[0]!;
  const owner = makeCtx(deps, userActor(first.ownerUserId, [merchantMembership(first.merchantId, 'owner')]));
  const shopProducts = input.products.filter((p) => p.merchantId === first.merchantId).slice(0, 3);
  for (const p of shopProducts) {
    must(
      await putMerchantRule(owner, {
        scope: 'product',
        target: p.productId,
        rateBp: 1500,
        capAmount: 3000,
        secondRateBp: 200,
      }),
      '商品佣金',
    );
  }

  // Chains: the demo consumer invites five; the first of those invites three; the first of those invites two.
  const b = input.buyers;
  const chains: [number, number[]][] = [
    [0, [1, 2, 3, 4, 5]],
    [1, [6, 7, 8]],
    [6, [9, 10]],
    [11, [12, 13, 14]],
    [15, [16, 17]],
  ];
  let bound = 0;
  for (const [inviter, invitees] of chains) {
    if (!b[inviter]) continue;
    const inviteCode = await ensureInviteCode(deps.database.db, b[inviter].userId, deps.clock.now());
    for (const i of invitees) {
      if (!b[i]) continue;
      must(await bindInvitation(makeCtx(deps, userActor(b[i].userId)), { code: inviteCode }), '绑定邀请');
      bound++;
    }
  }
  for (const p of shopProducts)
    must(await createAffiliateLink(makeCtx(deps, userActor(b[0]!.userId)), p.productId), '推广链接');
  progress(
    `[seed] 佣金规则 ${2 + shopProducts.length} 条，邀请关系 ${bound} 条，推广链接 ${shopProducts.length} 条（演示数据）`,
  );
}
