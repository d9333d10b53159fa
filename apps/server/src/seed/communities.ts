import type { Deps } from '../deps.ts';
import { postAnnouncement } from '../modules/communities/calendar.ts';
import { sendChatMessage } from '../modules/communities/chat.ts';
import { createMeetup } from '../modules/communities/meetups.ts';
import { ensureExclusiveCommunity } from '../modules/communities/first-order.ts';
import { createCreatorCommunity, joinCommunity, updateMember } from '../modules/communities/membership.ts';
import { setMarketingConsent } from '../modules/communities/outreach.ts';
import { communityDetail } from '../modules/communities/queries.ts';
import { addStaffNote, listMembers, setMemberTags } from '../modules/communities/scrm.ts';
import type { Membership, Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import type { SeedBuyer, SeedProduct } from './journeys.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

const userActor = (userId: string, staff: Membership[] = []): Actor => ({
  kind: 'user',
  userId,
  sessionId: 'seed',
  roles: ['consumer'],
  staff,
});

/**
 * Demo communities (names say 演示), only through the communities use-cases. Members are seeded consumers who
 * really bought from the first demo shop (the journeys' paid orders auto-joined them), plus a few who join the
 * demo creator's open community; nobody is invented. Runs after the journeys, on the real clock.
 */
export async function seedCommunities(
  deps: Deps,
  input: {
    merchant: { id: string; ownerUserId: string };
    demoBuyer: SeedBuyer;
    buyers: SeedBuyer[];
    products: SeedProduct[];
  },
): Promise<{ communities: number; members: number }> {
  const ctxOf = (userId: string) => makeCtx(deps, userActor(userId));
  const owner = makeCtx(deps, userActor(input.merchant.ownerUserId, [merchantMembership(input.merchant.id, 'owner')]));

  // The first shop's fan community: its members are the seeded buyers whose first paid order put them there.
  const fanId = await deps.database.db.transaction((tx) =>
    ensureExclusiveCommunity(tx, input.merchant.id, deps.clock.now()),
  );
  const members = (await listMembers(owner, fanId, { limit: 100 })).items;
  // Some people opted in to offers (their own switch in 我的社群); the others are skipped by promotional messages.
  for (const userId of [
    input.demoBuyer.userId,
    ...members.slice(0, 3).map((m) => m.userId),
    ...input.buyers.slice(0, 6).map((b) => b.userId),
  ]) {
    await setMarketingConsent(ctxOf(userId), true);
  }
  for (const [i, m] of members.slice(0, 6).entries()) {
    await updateMember(owner, fanId, m.userId, { tier: i < 2 ? 'core' : 'vip' });
    await setMemberTags(owner, fanId, m.userId, i % 2 === 0 ? ['复购', '护肤'] : ['新客']);
  }
  if (members[0])
    await addStaffNote(owner, fanId, members[0].userId, '（演示）偏好温和配方，上次咨询过敏感肌用法，已送小样。');
  if (members[1]) await updateMember(owner, fanId, members[1].userId, { role: 'moderator' });

  await postAnnouncement(owner, fanId, {
    title: '欢迎加入粉丝群（演示）',
    body: '群内可随时提问，售后问题请@群主；请勿发布广告。',
    promotional: false,
    pinned: true,
  });
  await postAnnouncement(owner, fanId, {
    title: '本周粉丝专享价（演示）',
    body: '本周群内专享 9 折，数量有限。',
    promotional: true,
    pinned: false,
  });
  await createMeetup(owner, fanId, {
    title: '线下护肤沙龙（演示）',
    description: '品牌顾问现场讲解成分与用法，名额有限。',
    location: '上海市静安区南京西路 1266 号',
    startsAt: new Date(deps.clock.now().getTime() + 10 * 86_400_000),
    capacity: 30,
  });
  // Two members talk and the shop shares a product card, each in the member's own group.
  const groups = (await communityDetail(owner, fanId)).groups;
  const groupOfSeq = (seq: number) => groups.find((g) => g.seq === seq)?.id;
  const lines = ['这家的面霜回购第三次了，冬天很滋润', '敏感肌可以用吗？'];
  for (const [i, m] of members.slice(0, 2).entries()) {
    const groupId = groupOfSeq(m.groupSeq);
    if (groupId) await sendChatMessage(ctxOf(m.userId), groupId, { kind: 'text', text: lines[i]! });
  }
  const product = input.products.find((p) => p.merchantId === input.merchant.id);
  const firstGroup = groups[0]?.id;
  if (product && firstGroup)
    await sendChatMessage(owner, firstGroup, {
      kind: 'product',
      productId: product.productId,
      text: '群友专享，点卡片直接下单',
    });

  // A creator's interest community, owned by the demo consumer, that a few seeded consumers joined.
  const creator = await createCreatorCommunity(ctxOf(input.demoBuyer.userId), {
    name: '成分党护肤研究社（演示）',
    description: '一起读成分表、交流用后感，欢迎新朋友。',
    admission: 'open',
  });
  let joined = 1;
  const talkers: { userId: string; groupId: string }[] = [];
  for (const b of input.buyers.slice(20, 28)) {
    const res = await joinCommunity(ctxOf(b.userId), creator.id);
    if (res.ok && res.value.groupId) {
      joined++;
      talkers.push({ userId: b.userId, groupId: res.value.groupId });
    }
  }
  const talk = [
    '烟酰胺和 VC 可以一起用吗？',
    '可以分早晚用，我就是这么搭的，没有刺激',
    '推荐一个温和的洁面吧，最近换季爆皮',
  ];
  for (const [i, line] of talk.entries()) {
    const who = talkers[i % Math.max(talkers.length, 1)];
    if (who) await sendChatMessage(ctxOf(who.userId), who.groupId, { kind: 'text', text: line });
  }
  return { communities: 2, members: members.length + joined };
}
