import type { Ctx } from '../../platform/context.ts';
import { type LiveNow, liveSessionsNow } from '../live/api.ts';
import { type FeedPost, recentPublishedPosts } from '../posts/api.ts';
import { type FEED_RANKERS, type FeedItem, type FeedSignals, productFeedPage } from './feed.ts';
import { sharedList } from './lists.ts';
import { categoryNames, topCategories } from './preferences.ts';

/** Why a post or a live session is in the home feed; built from the source that picked it, never invented. */
type SideReason =
  | { kind: 'following'; text: string; detail: string; userId?: string; nickname?: string; merchantId?: string }
  | { kind: 'topic'; text: string; detail: string; categoryId: string }
  | { kind: 'live' | 'popular'; text: string; detail: string };

export type HomeEntry =
  | { kind: 'product'; product: FeedItem }
  | { kind: 'post'; post: FeedPost['card']; reason: SideReason }
  | { kind: 'live'; live: LiveNow['card']; reason: SideReason };

/**
 * Where posts and live sessions go among the products, in every block of 10 places: a live session first (the
 * live-now boost: someone the user follows on air now, else the busiest room), posts at the 5th and 10th. A side
 * place with nothing to show is left out, so the number of products per page never depends on the side lists and
 * the product cursor stays an offset. A sponsored post (「广告」) never takes one of the first 3 places shown and at
 * most one in any 10 places shown: when the next post is sponsored and may not go here, the next organic post does.
 */
const SLOTS = ['live', 'product', 'product', 'product', 'post', 'product', 'product', 'product', 'product', 'post'];
const slotAt = (g: number) => SLOTS[g % SLOTS.length]!;
const productsBefore = (g: number) => {
  let n = 0;
  for (let i = 0; i < g; i++) if (slotAt(i) === 'product') n++;
  return n;
};
const SPONSORED_FROM = 3;
const SPONSORED_EVERY = 10;

/** The home feed (首页推荐): products, posts and live sessions, each with its reason. */
export async function discoveryHome(
  ctx: Ctx,
  input: { cursor?: string; limit: number; ranker?: (typeof FEED_RANKERS)[number] },
): Promise<{ personalised: boolean; entries: HomeEntry[]; nextCursor: string | null }> {
  const start = decodeHomeCursor(input.cursor);
  const end = start + input.limit;
  const from = productsBefore(start);
  const page = await productFeedPage(ctx, from, productsBefore(end) - from, input.ranker ?? 'diverse');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const side = await sideLists(ctx, page.personalised ? userId : null, page.signals);
  // Placed from the top every time, so a page never repeats a post or a session an earlier page showed.
  const entries: HomeEntry[] = [];
  const lives = [...side.lives];
  const posts = [...side.posts];
  let products = 0;
  // Counted in places the shopper sees (a side place with nothing to show is not one).
  let placed = 0;
  let lastSponsored = -SPONSORED_EVERY;
  for (let g = 0; g < end; g++) {
    let entry: HomeEntry | undefined;
    const slot = slotAt(g);
    if (slot === 'live') entry = lives.shift();
    else if (slot === 'post') {
      const mayAdvertise = placed >= SPONSORED_FROM && placed - lastSponsored >= SPONSORED_EVERY;
      const at = posts.findIndex((p) => mayAdvertise || !(p.kind === 'post' && p.post.sponsor));
      entry = at >= 0 ? posts.splice(at, 1)[0] : undefined;
      if (entry?.kind === 'post' && entry.post.sponsor) lastSponsored = placed;
    } else if (g < start) {
      placed++; // an earlier page's product
      continue;
    } else {
      const item = page.items[products++];
      entry = item ? { kind: 'product', product: item } : undefined;
    }
    if (!entry) continue;
    placed++;
    if (g >= start) entries.push(entry);
  }
  return {
    personalised: page.personalised,
    entries,
    nextCursor: page.nextCursor ? Buffer.from(String(end)).toString('base64url') : null,
  };
}

function decodeHomeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}

const POSTS_PER_SOURCE = 20;
const POPULAR_LIVES = 3;

/**
 * The posts and live sessions for one viewer, best first, from two lists every request shares (the newest
 * published posts, the sessions on air; lists.ts, 30 s, dropped at once by post.created and live.started/ended).
 * Personalised: sessions of followed people, then of followed shops, then the busiest rooms; posts by followed
 * people and shops, then the most engaging posts of the viewer's interest categories. Off or signed out: the
 * busiest rooms and the most engaging posts, the same for everyone.
 */
async function sideLists(
  ctx: Ctx,
  userId: string | null,
  signals: FeedSignals,
): Promise<{ lives: HomeEntry[]; posts: HomeEntry[] }> {
  const minute = Math.floor(ctx.now().getTime() / 60_000);
  const [lives, posts] = await Promise.all([
    sharedList(ctx.db, 'home:live-now', () => liveSessionsNow(ctx.deps, ctx.db)),
    sharedList(ctx.db, `home:posts:${minute}`, () => recentPublishedPosts(ctx.db, ctx.now())),
  ]);
  const busiest = [...lives].sort((a, b) => b.card.viewerCount - a.card.viewerCount);
  const popularLive = (l: LiveNow): HomeEntry => ({
    kind: 'live',
    live: l.card,
    reason: {
      kind: 'live',
      text: l.card.viewerCount > 0 ? `正在直播 · ${l.card.viewerCount} 人在看` : '正在直播',
      detail: '正在直播的直播间，按当前在线人数排序（未使用你的个人信息）。',
    },
  });
  const engaging = [...posts].sort((a, b) => b.engagement - a.engagement);
  const popularPost = (p: FeedPost): HomeEntry => ({
    kind: 'post',
    post: p.card,
    reason: { kind: 'popular', text: '热门笔记', detail: '近 30 天点赞、收藏与评论多的笔记（未使用你的个人信息）。' },
  });
  if (userId === null) {
    return {
      lives: busiest.slice(0, POPULAR_LIVES).map(popularLive),
      posts: engaging.slice(0, POSTS_PER_SOURCE).map(popularPost),
    };
  }
  const users = new Set(signals.followedUsers);
  const shops = new Set(signals.followedShops);
  const followedLives: HomeEntry[] = [];
  for (const l of lives) {
    const person = users.has(l.hostUserId) ? l.hostUserId : l.creatorId && users.has(l.creatorId) ? l.creatorId : null;
    if (person) {
      const nickname = l.card.host.nickname;
      followedLives.push({
        kind: 'live',
        live: l.card,
        reason: {
          kind: 'following',
          text: `你关注的 @${nickname} 正在直播`,
          detail: `你关注了 @${nickname}，TA 现在正在「${l.card.merchant.name}」的直播间直播。`,
          userId: person,
          nickname,
        },
      });
    } else if (shops.has(l.merchantId)) {
      followedLives.push({
        kind: 'live',
        live: l.card,
        reason: {
          kind: 'following',
          text: `你关注的店铺「${l.card.merchant.name}」正在直播`,
          detail: `你关注了店铺「${l.card.merchant.name}」，它现在正在直播。`,
          merchantId: l.merchantId,
        },
      });
    }
  }
  const shown = new Set(followedLives.map((e) => (e.kind === 'live' ? e.live.id : '')));
  const rest = busiest.filter((l) => !shown.has(l.card.id)).slice(0, POPULAR_LIVES);

  const mine = posts.filter((p) => p.authorId !== userId);
  const followedPosts: HomeEntry[] = [];
  for (const p of mine) {
    if (followedPosts.length >= POSTS_PER_SOURCE) break;
    const nickname = p.card.author.nickname;
    if (users.has(p.authorId)) {
      followedPosts.push({
        kind: 'post',
        post: p.card,
        reason: {
          kind: 'following',
          text: `你关注的 @${nickname} 发布了笔记`,
          detail: `你关注了 @${nickname}，这是 TA 最近发布的笔记。`,
          userId: p.authorId,
          nickname,
        },
      });
    } else {
      const shop = p.merchantIds.find((m) => shops.has(m));
      if (shop)
        followedPosts.push({
          kind: 'post',
          post: p.card,
          reason: {
            kind: 'following',
            text: '你关注的店铺的商品上了笔记',
            detail: '这篇笔记标记了你关注的店铺的商品。',
            merchantId: shop,
          },
        });
    }
  }
  const [tops, names] = await Promise.all([topCategories(ctx), categoryNames(ctx)]);
  const interests = [...new Set(signals.categories.slice(0, 3).map((c) => tops.get(c) ?? c))];
  const taken = new Set(followedPosts.map((e) => (e.kind === 'post' ? e.post.id : '')));
  const topicPosts: HomeEntry[] = [];
  for (const p of [...mine].sort((a, b) => b.engagement - a.engagement)) {
    if (topicPosts.length >= POSTS_PER_SOURCE) break;
    const category = interests.find((c) => p.categoryIds.includes(c));
    if (!category || taken.has(p.card.id)) continue;
    const name = names.get(category) ?? '常逛类目';
    topicPosts.push({
      kind: 'post',
      post: p.card,
      reason: {
        kind: 'topic',
        text: `你常逛的「${name}」相关笔记`,
        detail: `你的兴趣标签里有「${name}」，这篇笔记标记了该类目的商品。可在推荐设置里删除这个标签。`,
        categoryId: category,
      },
    });
  }
  // Someone who follows no one yet and has no interests still sees what people engage with, labelled as such.
  for (const e of topicPosts) if (e.kind === 'post') taken.add(e.post.id);
  const popular = engaging
    .filter((p) => p.authorId !== userId && !taken.has(p.card.id))
    .slice(0, Math.max(0, POSTS_PER_SOURCE - topicPosts.length));
  return {
    lives: [...followedLives, ...rest.map(popularLive)],
    posts: [...followedPosts, ...topicPosts, ...popular.map(popularPost)],
  };
}
