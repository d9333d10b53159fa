import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { getProductBriefs, loadSkusForCheckout } from '../catalog/api.ts';
import { tierOf, TIER_ORDER, type TierCode } from '../membership/api.ts';
import { type Access, accessFrom, refuse } from './rules.ts';
import {
  contentCourses,
  contentCreatorShares,
  contentEntitlements,
  contentLessons,
  contentProgress,
} from './schema.ts';

// Courses and lessons as the merchant (or its creator) sets them up in the console, and as learners see them: the
// lesson media URL leaves the server only for someone entitled, or for a trial lesson.

type CourseRow = typeof contentCourses.$inferSelect;
type LessonRow = typeof contentLessons.$inferSelect;

export interface CourseInput {
  kind: 'course' | 'column';
  title: string;
  summary?: string | undefined;
  coverUrl?: string | null | undefined;
  skuId: string;
  pricing: 'purchase' | 'subscription';
  price: number;
  memberFreeFrom?: TierCode | null | undefined;
  bundleProductIds?: string[] | undefined;
  creatorUserId?: string | null | undefined;
  creatorShareBp?: number | undefined;
}

export interface LessonInput {
  title: string;
  media: 'video' | 'audio' | 'article';
  mediaUrl?: string | null | undefined;
  body?: string | undefined;
  durationSec?: number | undefined;
  trial: boolean;
}

const courseDto = (c: CourseRow, lessonCount: number) => ({
  id: c.id,
  merchantId: c.merchantId,
  kind: c.kind,
  title: c.title,
  summary: c.summary,
  coverUrl: c.coverUrl,
  productId: c.productId,
  skuId: c.skuId,
  pricing: c.pricing,
  price: c.price,
  memberFreeFrom: c.memberFreeFrom as TierCode | null,
  bundleProductIds: c.bundleProductIds,
  creatorUserId: c.creatorUserId,
  creatorShareBp: c.creatorShareBp,
  status: c.status,
  lessonCount,
  createdAt: c.createdAt.toISOString(),
});

const lessonDto = (l: LessonRow, open: boolean) => ({
  id: l.id,
  courseId: l.courseId,
  position: l.position,
  title: l.title,
  media: l.media,
  durationSec: l.durationSec,
  trial: l.trial,
  locked: !open,
  // Only someone entitled (or anyone, for a trial) ever receives where the lesson is.
  mediaUrl: open ? l.mediaUrl : null,
  body: open ? l.body : '',
});

const accessDto = (a: Access) => ({
  entitled: a.entitled,
  reason: a.reason,
  expiresAt: a.expiresAt?.toISOString() ?? null,
  lapsed: a.lapsed,
});

async function lessonCounts(db: Db, courseIds: string[]) {
  if (courseIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ courseId: contentLessons.courseId, n: sql<number>`count(*)::int` })
    .from(contentLessons)
    .where(inArray(contentLessons.courseId, courseIds))
    .groupBy(contentLessons.courseId);
  return new Map(rows.map((r) => [r.courseId, r.n]));
}

/** The user's access to each course (anonymous: none). */
export async function accessTo(ctx: Ctx, courses: CourseRow[]): Promise<Map<string, Access>> {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const none = new Map(courses.map((c) => [c.id, accessFrom([], null, null, ctx.now())]));
  if (!userId || courses.length === 0) return none;
  const [grants, tier] = await Promise.all([
    ctx.db
      .select()
      .from(contentEntitlements)
      .where(
        and(
          eq(contentEntitlements.userId, userId),
          inArray(
            contentEntitlements.courseId,
            courses.map((c) => c.id),
          ),
        ),
      ),
    tierOf(ctx.db, userId),
  ]);
  return new Map(
    courses.map((c) => [
      c.id,
      accessFrom(
        grants.filter((g) => g.courseId === c.id),
        tier,
        c.memberFreeFrom,
        ctx.now(),
      ),
    ]),
  );
}

async function validCourse(db: Db, merchantId: string, input: CourseInput): Promise<Result<{ productId: string }>> {
  const sku = (await loadSkusForCheckout(db, [input.skuId])).get(input.skuId);
  if (!sku || sku.merchantId !== merchantId) throw notFound('商品规格');
  if (!sku.purchasable) return refuse('invalid-course', '所选商品未上架，请先上架');
  const bundles = input.bundleProductIds ?? [];
  const briefs = await getProductBriefs(db, bundles);
  if (bundles.some((id) => briefs.get(id)?.merchantId !== merchantId))
    return refuse('invalid-course', '只能与本店商品组合赠课');
  if (bundles.includes(sku.productId)) return refuse('invalid-course', '课程自身的商品不能再作为赠课商品');
  if ((input.creatorShareBp ?? 0) > 0 && !input.creatorUserId)
    return refuse('invalid-course', '设置分成比例时须填写创作者');
  if (input.memberFreeFrom && !TIER_ORDER.includes(input.memberFreeFrom))
    return refuse('invalid-course', '会员等级不存在');
  return ok({ productId: sku.productId });
}

export async function createCourse(ctx: Ctx, input: CourseInput) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.manage');
  return ctx.tx(async (tx) => {
    const valid = await validCourse(tx, merchantId, input);
    if (!valid.ok) return valid;
    const [row] = await tx
      .insert(contentCourses)
      .values({
        id: newId('crs'),
        merchantId,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? '',
        coverUrl: input.coverUrl ?? null,
        productId: valid.value.productId,
        skuId: input.skuId,
        pricing: input.pricing,
        price: input.price,
        memberFreeFrom: input.memberFreeFrom ?? null,
        bundleProductIds: [...new Set(input.bundleProductIds ?? [])],
        creatorUserId: input.creatorUserId ?? null,
        creatorShareBp: input.creatorUserId ? (input.creatorShareBp ?? 0) : 0,
        createdAt: ctx.now(),
      })
      .returning();
    await emit(tx, 'content.course_created', { courseId: row!.id, merchantId });
    return ok(courseDto(row!, 0));
  });
}

async function ownCourse(db: Db, merchantId: string, courseId: string) {
  const [c] = await db
    .select()
    .from(contentCourses)
    .where(and(eq(contentCourses.id, courseId), eq(contentCourses.merchantId, merchantId)));
  if (!c) throw notFound('课程');
  return c;
}

export async function addLesson(ctx: Ctx, courseId: string, input: LessonInput) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.manage');
  if (input.media !== 'article' && !input.mediaUrl) return refuse('invalid-lesson', '音视频课时须先上传媒体文件');
  if (input.media === 'article' && !input.body?.trim()) return refuse('invalid-lesson', '图文课时须填写正文');
  return ctx.tx(async (tx) => {
    const course = await ownCourse(tx, merchantId, courseId);
    // Serialises lesson numbering per course.
    await tx
      .select({ id: contentCourses.id })
      .from(contentCourses)
      .where(eq(contentCourses.id, course.id))
      .for('update');
    const [last] = await tx
      .select({ p: sql<number>`coalesce(max(${contentLessons.position}), 0)::int` })
      .from(contentLessons)
      .where(eq(contentLessons.courseId, course.id));
    const [row] = await tx
      .insert(contentLessons)
      .values({
        id: newId('lsn'),
        courseId: course.id,
        position: (last?.p ?? 0) + 1,
        title: input.title,
        media: input.media,
        mediaUrl: input.media === 'article' ? null : (input.mediaUrl ?? null),
        body: input.body ?? '',
        durationSec: input.durationSec ?? 0,
        trial: input.trial,
        createdAt: ctx.now(),
      })
      .returning();
    return ok(lessonDto(row!, true));
  });
}

/** The merchant's courses with what they sold and what the creator earned. */
export async function listMerchantCourses(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.read');
  const rows = await ctx.db
    .select()
    .from(contentCourses)
    .where(eq(contentCourses.merchantId, merchantId))
    .orderBy(desc(contentCourses.id))
    .limit(100);
  const ids = rows.map((r) => r.id);
  const [counts, sales, shares] = await Promise.all([
    lessonCounts(ctx.db, ids),
    ids.length === 0
      ? []
      : ctx.db
          .select({
            courseId: contentEntitlements.courseId,
            source: contentEntitlements.source,
            n: sql<number>`count(*)::int`,
          })
          .from(contentEntitlements)
          .where(and(inArray(contentEntitlements.courseId, ids), eq(contentEntitlements.status, 'active')))
          .groupBy(contentEntitlements.courseId, contentEntitlements.source),
    ids.length === 0
      ? []
      : ctx.db
          .select({
            courseId: contentCreatorShares.courseId,
            revenue: sql<string>`coalesce(sum(${contentCreatorShares.baseAmount}), 0)`,
            share: sql<string>`coalesce(sum(${contentCreatorShares.amount} - ${contentCreatorShares.reversedAmount}), 0)`,
            reversed: sql<string>`coalesce(sum(${contentCreatorShares.reversedAmount}), 0)`,
          })
          .from(contentCreatorShares)
          .where(inArray(contentCreatorShares.courseId, ids))
          .groupBy(contentCreatorShares.courseId),
  ]);
  return {
    items: rows.map((c) => {
      const s = shares.find((x) => x.courseId === c.id);
      const sold = (src: string) => sales.find((x) => x.courseId === c.id && x.source === src)?.n ?? 0;
      return {
        ...courseDto(c, counts.get(c.id) ?? 0),
        stats: {
          purchases: sold('purchase') + sold('subscription'),
          bundled: sold('bundle'),
          creatorShare: Number(s?.share ?? 0),
          creatorShareReversed: Number(s?.reversed ?? 0),
        },
      };
    }),
  };
}

/** The merchant's view of one course with every lesson. */
export async function getMerchantCourse(ctx: Ctx, courseId: string) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.read');
  const c = await ownCourse(ctx.db, merchantId, courseId);
  const lessons = await ctx.db
    .select()
    .from(contentLessons)
    .where(eq(contentLessons.courseId, c.id))
    .orderBy(asc(contentLessons.position));
  return { ...courseDto(c, lessons.length), lessons: lessons.map((l) => lessonDto(l, true)) };
}

/** 知识课程: what is on sale, newest first, with the viewer's access. */
export async function listCourses(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(contentCourses)
    .where(eq(contentCourses.status, 'active'))
    .orderBy(desc(contentCourses.id))
    .limit(50);
  const [counts, access] = await Promise.all([
    lessonCounts(
      ctx.db,
      rows.map((r) => r.id),
    ),
    accessTo(ctx, rows),
  ]);
  return {
    items: rows.map((c) => ({ ...courseDto(c, counts.get(c.id) ?? 0), access: accessDto(access.get(c.id)!) })),
  };
}

async function loadCourse(db: Db, courseId: string) {
  const [c] = await db.select().from(contentCourses).where(eq(contentCourses.id, courseId));
  if (!c) throw notFound('课程');
  return c;
}

/** Course page: every lesson listed, but a locked lesson carries no media URL or text. */
export async function getCourse(ctx: Ctx, courseId: string) {
  const c = await loadCourse(ctx.db, courseId);
  const access = (await accessTo(ctx, [c])).get(c.id)!;
  const lessons = await ctx.db
    .select()
    .from(contentLessons)
    .where(eq(contentLessons.courseId, c.id))
    .orderBy(asc(contentLessons.position));
  const progress = await progressOf(ctx, c.id);
  const bundles = await getProductBriefs(ctx.db, c.bundleProductIds);
  return {
    ...courseDto(c, lessons.length),
    access: accessDto(access),
    bundleProducts: c.bundleProductIds
      .map((id) => bundles.get(id))
      .filter((b) => b !== undefined)
      .map((b) => ({ id: b.id, title: b.title, imageUrl: b.imageUrl, minPrice: b.minPrice })),
    lessons: lessons.map((l) => ({
      ...lessonDto(l, l.trial || access.entitled),
      progress: progress.get(l.id) ?? null,
    })),
  };
}

async function progressOf(ctx: Ctx, courseId: string) {
  if (ctx.actor.kind !== 'user') return new Map<string, { positionSec: number; completed: boolean }>();
  const rows = await ctx.db
    .select()
    .from(contentProgress)
    .where(and(eq(contentProgress.userId, ctx.actor.userId), eq(contentProgress.courseId, courseId)));
  return new Map(rows.map((r) => [r.lessonId, { positionSec: r.positionSec, completed: r.completed }]));
}

async function openLesson(ctx: Ctx, lessonId: string) {
  const [l] = await ctx.db.select().from(contentLessons).where(eq(contentLessons.id, lessonId));
  if (!l) throw notFound('课时');
  const c = await loadCourse(ctx.db, l.courseId);
  if (l.trial) return { lesson: l, course: c };
  const access = (await accessTo(ctx, [c])).get(c.id)!;
  if (!access.entitled)
    return refuse('lesson-locked', access.lapsed ? '订阅已到期，续订后可继续学习' : '购买课程后才能学习该课时');
  return { lesson: l, course: c };
}

/** The player: the lesson's media, for a trial or someone entitled; 403 lesson-locked otherwise. */
export async function getLesson(ctx: Ctx, lessonId: string) {
  const opened = await openLesson(ctx, lessonId);
  if ('ok' in opened) return opened;
  const progress = await progressOf(ctx, opened.course.id);
  return ok({
    ...lessonDto(opened.lesson, true),
    courseTitle: opened.course.title,
    progress: progress.get(opened.lesson.id) ?? null,
  });
}

/** Progress is kept only for a lesson the learner may open; it never goes backwards from completed. */
export async function saveProgress(ctx: Ctx, lessonId: string, input: { positionSec: number; completed: boolean }) {
  const user = requireUser(ctx.actor);
  const opened = await openLesson(ctx, lessonId);
  if ('ok' in opened) return opened;
  const positionSec = Math.min(input.positionSec, opened.lesson.durationSec || input.positionSec);
  const [row] = await ctx.db
    .insert(contentProgress)
    .values({
      userId: user.userId,
      lessonId,
      courseId: opened.course.id,
      positionSec,
      completed: input.completed,
      updatedAt: ctx.now(),
    })
    .onConflictDoUpdate({
      target: [contentProgress.userId, contentProgress.lessonId],
      set: {
        positionSec,
        completed: sql`${contentProgress.completed} or ${input.completed}`,
        updatedAt: ctx.now(),
      },
    })
    .returning();
  return ok({ lessonId, positionSec: row!.positionSec, completed: row!.completed });
}

/** 我的课程: courses the learner may open now or had, with lessons completed. */
export async function myCourses(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const grants = await ctx.db
    .select({ courseId: contentEntitlements.courseId })
    .from(contentEntitlements)
    .where(and(eq(contentEntitlements.userId, user.userId), eq(contentEntitlements.status, 'active')));
  const studied = await ctx.db
    .select({ courseId: contentProgress.courseId })
    .from(contentProgress)
    .where(eq(contentProgress.userId, user.userId));
  const ids = [...new Set([...grants, ...studied].map((g) => g.courseId))];
  if (ids.length === 0) return { items: [] };
  const rows = await ctx.db
    .select()
    .from(contentCourses)
    .where(inArray(contentCourses.id, ids))
    .orderBy(desc(contentCourses.id));
  const [counts, access, done] = await Promise.all([
    lessonCounts(ctx.db, ids),
    accessTo(ctx, rows),
    ctx.db
      .select({
        courseId: contentProgress.courseId,
        n: sql<number>`count(*) filter (where ${contentProgress.completed})::int`,
      })
      .from(contentProgress)
      .where(and(eq(contentProgress.userId, user.userId), inArray(contentProgress.courseId, ids)))
      .groupBy(contentProgress.courseId),
  ]);
  return {
    items: rows.map((c) => ({
      ...courseDto(c, counts.get(c.id) ?? 0),
      access: accessDto(access.get(c.id)!),
      completedLessons: done.find((d) => d.courseId === c.id)?.n ?? 0,
    })),
  };
}
