import type { Deps } from '../deps.ts';
import { updateMemberDay } from '../modules/membership/member-day.ts';
import type { Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';

// Demo 会员日 settings, set through membership as an operator would in the console (会员日 page): deeper member
// prices per tier and double purchase points on the configured day of the month.

const seedOperator: Actor = { kind: 'user', userId: 'system:seed', sessionId: 'seed', roles: ['operator'], staff: [] };

export async function seedMemberDay(deps: Deps): Promise<void> {
  const result = await updateMemberDay(makeCtx(deps, seedOperator), {
    enabled: true,
    dayOfMonth: deps.config.LIFECYCLE_MEMBER_DAY,
    pointsMultiplier: 2,
    tierPercentOff: { regular: 0, silver: 5, gold: 8, diamond: 12 },
  });
  if (!result.ok) throw new Error(`member day demo settings: ${result.title}`);
}
