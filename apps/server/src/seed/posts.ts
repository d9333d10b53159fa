import type { Deps } from '../deps.ts';
import { getProductBriefs } from '../modules/catalog/service.ts';
import { createPost, draftPost, setFollowing, setLiked, upsertChallenge } from '../modules/posts/service.ts';
import type { Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import type { SeedBuyer, SeedClock, SeedProduct } from './journeys.ts';
import type { Random } from './random.ts';

// Demo posts (种草笔记) by demo consumers, drafted by the template writer from the products' own attributes and
// marked 【演示】, so the discover feed is not empty on a fresh install. Likes and follows are real rows by demo users.

const POSTS = 16;
const AUTHORS = 8;
const HOUR = 3_600_000;
const seedOperator: Actor = { kind: 'user', userId: 'system:seed', sessionId: 'seed', roles: ['operator'], staff: [] };
const userActor = (userId: string): Actor => ({
  kind: 'user',
  userId,
  sessionId: 'seed',
  roles: ['consumer'],
  staff: [],
});

export async function seedPosts(
  deps: Deps,
  clock: SeedClock,
  rng: Random,
  input: { demoBuyer: SeedBuyer; buyers: SeedBuyer[]; products: SeedProduct[]; until: Date },
): Promise<{ posts: number }> {
  const ctxOf = (actor: Actor) => makeCtx({ ...deps, clock }, actor);
  clock.set(input.until.getTime() - 10 * 24 * HOUR);
  const challenge = await upsertChallenge(ctxOf(seedOperator), {
    name: '晒出你的穿搭',
    description: '演示挑战赛：晒出你的日常穿搭，标记单品，分享给朋友。',
    startsAt: new Date(input.until.getTime() - 10 * 24 * HOUR).toISOString(),
    endsAt: new Date(input.until.getTime() + 20 * 24 * HOUR).toISOString(),
  });
  if (!challenge.ok) throw new Error(`seed challenge: ${challenge.title}`);
  const authors = input.buyers.slice(0, AUTHORS);
  const step = Math.max(1, Math.floor(input.products.length / POSTS));
  const picked = Array.from({ length: POSTS }, (_, i) => input.products[(i * step) % input.products.length]!);
  const briefs = await getProductBriefs(
    deps.database.db,
    picked.map((p) => p.productId),
  );
  const postIds: string[] = [];
  for (const [i, product] of picked.entries()) {
    clock.set(input.until.getTime() - (POSTS - i) * 9 * HOUR);
    const author = authors[i % authors.length]!;
    const ctx = ctxOf(userActor(author.userId));
    const style = product.topCategory.includes('apparel') ? 'outfit' : i % 3 === 0 ? 'review' : 'seeding';
    const draft = await draftPost(ctx, { productId: product.productId, style, variant: i });
    const productImage = briefs.get(product.productId)?.imageUrl;
    const created = await createPost(ctx, {
      kind: style === 'review' ? 'review' : 'image_text',
      title: draft.title,
      body: `【演示笔记】${draft.body}`,
      // A lifestyle cover (the product on a table by a window, or on a rail), then the product's own picture.
      images: [`/media/art/scene-${product.artKey}-p${i + 1}.svg`, ...(productImage ? [productImage] : [])],
      productIds: [product.productId],
      topics: draft.topics,
    });
    if (!created.ok) throw new Error(`[seed] 演示笔记创建失败：${created.type} ${created.detail ?? ''}`);
    postIds.push(created.value.id);
  }
  clock.set(input.until.getTime() - HOUR);
  // The demo shopper follows a few authors, so the following feed shows something; other demo users like posts.
  for (const author of authors.slice(0, 4))
    await setFollowing(ctxOf(userActor(input.demoBuyer.userId)), { type: 'user', id: author.userId }, true);
  for (const fan of input.buyers.slice(AUTHORS, AUTHORS + 20)) {
    for (const postId of postIds) if (rng.next() < 0.3) await setLiked(ctxOf(userActor(fan.userId)), postId, true);
  }
  return { posts: postIds.length };
}
