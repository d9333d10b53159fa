import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { operator, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { loginByCode, nextPhone } from '../../../test/http.ts';
import { VALID_ID_NUMBER } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { merchantApplications, merchantQualifications, qualificationRenewals } from './schema.ts';

// The clock starts on Friday 2026-11-20, 10:00 Beijing time; the daily run is at 00:30 Beijing time.
const t = await createTestApp();
let ops = await operator(t);
const db = t.deps.database.db;
const IMG = '/media/u/00000000/licence.png';
const FOOD_LICENCE_UNTIL = '2027-01-10';

const foodApplication = (over: Record<string, unknown> = {}) => ({
  entityType: 'company',
  shopName: '山野小食铺',
  categoryId: 'cat_food',
  licenceName: '杭州山野食品有限公司',
  creditCode: '91330100716105852F',
  licenceImageUrl: IMG,
  licenceValidUntil: null,
  licencePermanent: true,
  qualifications: [{ kind: 'food-licence', number: 'JY13301060012345', imageUrl: IMG, validUntil: FOOD_LICENCE_UNTIL }],
  legalRep: { name: '王小明', idNumber: VALID_ID_NUMBER },
  bank: { bankName: '招商银行杭州分行', accountHolder: '杭州山野食品有限公司', accountNumber: '6214 8301 2345 6789' },
  ...over,
});

/** Moves the clock to a Beijing-time moment and runs what is due there (the daily run among it). */
async function dayAt(beijing: string) {
  const target = Date.parse(`${beijing}+08:00`);
  t.clock.advance(target - t.clock.now().getTime());
  // Sessions last 30 days: the operator signs in again after long jumps.
  ops = await operator(t);
  await t.runJobs();
}

type Doc = {
  id: string;
  kind: string;
  status: string;
  validUntil: string | null;
  permanent: boolean;
  warnedAt: string | null;
  pendingRenewal: { id: string } | null;
  lastDecision: { status: string; reason: string | null } | null;
  delisted: { productId: string; reason: string }[];
};

describe('qualification validity', () => {
  it('refuses documents without a date or already past at application, and changes nothing', async () => {
    const applicant = await signIn(t);
    const past = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({
        qualifications: [{ kind: 'food-licence', number: 'JY1', imageUrl: IMG, validUntil: '2026-11-19' }],
      }),
    );
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ type: 'validity-invalid', title: '证件有效期不正确' });
    expect(past.body.detail).toContain('食品经营许可证');
    const licencePast = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({ licencePermanent: false, licenceValidUntil: '2025-12-31' }),
    );
    expect(licencePast.body).toMatchObject({ type: 'validity-invalid' });
    expect(licencePast.body.detail).toContain('营业执照');
    const noDate = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({ licencePermanent: false, licenceValidUntil: null }),
    );
    expect(noDate.status).toBe(400);
    expect(noDate.body.title).toMatch(/[\u4e00-\u9fa5]/);
    const badDate = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({
        qualifications: [{ kind: 'food-licence', number: 'JY1', imageUrl: IMG, validUntil: '2027-02-30' }],
      }),
    );
    expect(badDate.status).toBe(400);
    expect((await applicant.get('/api/v1/merchant-applications/mine')).body.items).toEqual([]);
  });

  it('warns once 30 days ahead, delists only the categories that need the document, relists on approved renewal', async () => {
    const applicant = await signIn(t);
    const app = (await applicant.post('/api/v1/merchant-applications', foodApplication())).body;
    expect(app).toMatchObject({ licencePermanent: true, licenceValidUntil: null });
    expect(app.qualifications[0].validUntil).toBe(FOOD_LICENCE_UNTIL);
    const approved = await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' });
    const merchantId = approved.body.merchantId as string;
    let owner = applicant;
    // Sessions last 30 days: the owner signs in again after each jump.
    const day = async (beijing: string) => {
      await dayAt(beijing);
      owner = await signIn(t, owner.phone);
    };
    const snack = await product(t, owner, merchantId, { title: '手工芝麻酥 200g', categoryId: 'cat_snacks' });
    const tea = await product(t, owner, merchantId, { title: '明前龙井 100g', categoryId: 'cat_tea' });
    const pot = await product(t, owner, merchantId, { title: '搪瓷小奶锅', categoryId: 'cat_kitchen' });
    const statusOf = async (productId: string) =>
      (await owner.get(`/api/v1/merchant/products/${productId}`)).body.status as string;
    const docs = async () => (await owner.get('/api/v1/merchant/qualifications')).body.items as Doc[];
    const food = async () => (await docs()).find((d) => d.kind === 'food-licence')!;
    const notices = () => t.sms.noticesFor(applicant.phone);

    expect((await docs()).map((d) => [d.kind, d.status, d.validUntil, d.permanent])).toEqual([
      ['business-licence', 'valid', null, true],
      ['food-licence', 'valid', FOOD_LICENCE_UNTIL, false],
    ]);

    // 31 days before the last valid day: nothing yet.
    await day('2026-12-10T01:00:00');
    expect(await food()).toMatchObject({ status: 'valid', warnedAt: null });
    expect(notices()).toEqual([]);
    // 30 days before: one warning, in the console and by SMS to the owner.
    await day('2026-12-11T01:00:00');
    expect(await food()).toMatchObject({ status: 'expiring', warnedAt: expect.any(String) });
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toContain('食品经营许可证将于 2027-01-10 到期');
    // The next days' runs do not warn again.
    await day('2026-12-12T01:00:00');
    await day('2027-01-10T01:00:00');
    expect(notices()).toHaveLength(1);
    // Still valid on its last day: nothing delisted.
    expect(await statusOf(snack.productId)).toBe('listed');

    // The day after: the food products go off sale, the kitchen pot (家居生活 needs no food licence) stays.
    await day('2027-01-11T01:00:00');
    expect(await statusOf(snack.productId)).toBe('delisted');
    expect(await statusOf(tea.productId)).toBe('delisted');
    expect(await statusOf(pot.productId)).toBe('listed');
    const expired = await food();
    expect(expired.status).toBe('expired');
    expect(expired.delisted.map((d) => [d.productId, d.reason]).sort()).toEqual(
      [
        [snack.productId, '资质过期'],
        [tea.productId, '资质过期'],
      ].sort(),
    );
    expect(notices()).toHaveLength(2);
    expect(notices()[1]).toContain('2 件相关商品已下架');

    // An hour later the shop edits the tea while it is off sale: that one is theirs to relist later.
    t.clock.advanceHours(1);
    const edited = await owner.patch(`/api/v1/merchant/products/${tea.productId}`, { title: '明前龙井 100g 新茶' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    // Bad renewals change nothing: a past date, 长期 on a food licence, a foreign image, a 客服 without the right.
    const path = `/api/v1/merchant/qualifications/${expired.id}/renewals`;
    const renewal = { number: 'JY13301060099999', imageUrl: '/media/u/00000000/new.png', validUntil: '2032-01-10' };
    const past = await owner.post(path, { ...renewal, validUntil: '2027-01-10' });
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ type: 'validity-invalid', title: '证件有效期不正确' });
    expect((await owner.post(path, { ...renewal, validUntil: null, permanent: true })).body.type).toBe(
      'permanent-not-allowed',
    );
    expect((await owner.post(path, { ...renewal, imageUrl: 'https://elsewhere.example/x.png' })).status).toBe(400);
    const clerkPhone = nextPhone();
    expect((await owner.post('/api/v1/merchant/staff', { phone: clerkPhone, role: 'service' })).status).toBe(201);
    const clerk = await loginByCode(t, clerkPhone);
    expect((await clerk.post(path, renewal)).status).toBe(403);
    expect((await clerk.get('/api/v1/merchant/qualifications')).status).toBe(403);
    const stranger = await signIn(t);
    expect((await stranger.post(path, renewal)).status).toBe(403);
    expect((await owner.get('/api/v1/admin/qualification-renewals')).status).toBe(403);
    expect(await db.select().from(qualificationRenewals)).toEqual([]);

    // A renewal goes to the queue; a second one meanwhile is refused.
    const sent = await owner.post(path, renewal);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ status: 'expired', pendingRenewal: { validUntil: '2032-01-10' } });
    expect((await owner.post(path, renewal)).body.type).toBe('renewal-pending');
    const queue = (await ops.get('/api/v1/admin/qualification-renewals?status=pending')).body.items;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      merchantName: '山野小食铺',
      kindName: '食品经营许可证',
      delistedCount: 2,
      current: { validUntil: FOOD_LICENCE_UNTIL, status: 'expired' },
    });

    // Rejected with a reason: the products stay off sale and the shop sees why.
    const decide = (id: string, body: unknown) => ops.post(`/api/v1/admin/qualification-renewals/${id}/decision`, body);
    expect((await decide(queue[0].id, { decision: 'reject', reason: '' })).status).toBe(400);
    expect(
      (await owner.post(`/api/v1/admin/qualification-renewals/${queue[0].id}/decision`, { decision: 'approve' }))
        .status,
    ).toBe(403);
    const rejected = await decide(queue[0].id, { decision: 'reject', reason: '许可证照片不清晰，请重新拍摄上传' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '许可证照片不清晰，请重新拍摄上传' });
    expect(rejected.body.decidedByName).toBe('平台运营');
    expect((await decide(queue[0].id, { decision: 'approve' })).body.type).toBe('renewal-decided');
    expect(await statusOf(snack.productId)).toBe('delisted');
    expect(await food()).toMatchObject({
      status: 'expired',
      pendingRenewal: null,
      lastDecision: { status: 'rejected', reason: '许可证照片不清晰，请重新拍摄上传' },
    });

    // Sent again and approved: the untouched snack is back on sale, the edited tea is left to the shop.
    const again = (await owner.post(path, { ...renewal, imageUrl: '/media/u/00000000/clear.png' })).body;
    const approvedRenewal = await decide(again.pendingRenewal.id, { decision: 'approve' });
    expect(approvedRenewal.status, JSON.stringify(approvedRenewal.body)).toBe(200);
    expect(await statusOf(snack.productId)).toBe('listed');
    expect(await statusOf(tea.productId)).toBe('delisted');
    expect(await statusOf(pot.productId)).toBe('listed');
    expect(await food()).toMatchObject({
      status: 'valid',
      validUntil: '2032-01-10',
      warnedAt: null,
      delisted: [],
      lastDecision: { status: 'approved' },
    });
    // The next run finds nothing to do: no delisting, no new notice.
    await day('2027-01-12T01:00:00');
    expect(await statusOf(snack.productId)).toBe('listed');
    expect(notices()).toHaveLength(2);
  });

  it('shows shops admitted before validity was asked for as 未登记有效期, and never warns or delists them', async () => {
    const applicant = await signIn(t);
    const app = (
      await applicant.post(
        '/api/v1/merchant-applications',
        foodApplication({
          creditCode: '9144030071526726XG',
          qualifications: [{ kind: 'food-licence', number: 'JY2', imageUrl: IMG, validUntil: '2030-01-01' }],
        }),
      )
    ).body;
    // As an application written before the dates existed: no date on any document.
    const [row] = await db.select().from(merchantApplications).where(eq(merchantApplications.id, app.id));
    await db
      .update(merchantApplications)
      .set({
        licencePermanent: false,
        licenceValidUntil: null,
        qualifications: row!.qualifications.map(({ kind, number, imageUrl }) => ({ kind, number, imageUrl })),
      })
      .where(eq(merchantApplications.id, app.id));
    const merchantId = (
      await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' })
    ).body.merchantId as string;
    // Before this feature the documents were not copied: the daily run copies them, without dates.
    await db.delete(merchantQualifications).where(eq(merchantQualifications.merchantId, merchantId));
    const snack = await product(t, applicant, merchantId, { title: '桂花糕', categoryId: 'cat_snacks' });
    await dayAt('2027-06-01T01:00:00');
    const owner = await signIn(t, applicant.phone);
    const docs = (await owner.get('/api/v1/merchant/qualifications')).body.items as Doc[];
    expect(docs.map((d) => [d.kind, d.status, d.validUntil, d.warnedAt])).toEqual([
      ['business-licence', 'unregistered', null, null],
      ['food-licence', 'unregistered', null, null],
    ]);
    expect((await owner.get(`/api/v1/merchant/products/${snack.productId}`)).body.status).toBe('listed');
    expect(t.sms.noticesFor(applicant.phone)).toEqual([]);
  });
});
