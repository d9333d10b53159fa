import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { VALID_ID_NUMBER } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { FieldCrypto } from '../../platform/field-crypto.ts';
import { sealPlainBankHolders } from './applications.ts';
import { addWorkingDays } from './rules.ts';
import { merchantApplications } from './schema.ts';

const t = await createTestApp();
const ops = await operator(t);

const IMG = '/media/u/00000000/licence.png';
/** A food shop's application: food needs the 食品经营许可证 on top of the licence. */
const foodApplication = (over: Record<string, unknown> = {}) => ({
  entityType: 'company',
  shopName: '山野小食铺',
  categoryId: 'cat_food',
  licenceName: '杭州山野食品有限公司',
  creditCode: '91330100716105852F',
  licenceImageUrl: IMG,
  licenceValidUntil: '2036-05-01',
  licencePermanent: false,
  qualifications: [{ kind: 'food-licence', number: 'JY13301060012345', imageUrl: IMG, validUntil: '2029-12-31' }],
  legalRep: { name: '王小明', idNumber: VALID_ID_NUMBER },
  bank: { bankName: '招商银行杭州分行', accountHolder: '杭州山野食品有限公司', accountNumber: '6214 8301 2345 6789' },
  ...over,
});

describe('review SLA', () => {
  it('counts working days in Shanghai: Friday 10:00 is due Tuesday 10:00', () => {
    expect(addWorkingDays(new Date('2026-11-20T02:00:00Z'), 2).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-23T02:00:00Z'), 2).toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });
});

describe('merchant application', () => {
  it('refuses a wrong credit-code check character, a missing food licence, a bad ID and a foreign bank account', async () => {
    const applicant = await signIn(t);
    const code = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({ creditCode: '91330100716105852G' }),
    );
    expect(code.status).toBe(422);
    expect(code.body).toMatchObject({ type: 'credit-code-invalid', title: '统一社会信用代码不正确' });
    const licence = await applicant.post('/api/v1/merchant-applications', foodApplication({ qualifications: [] }));
    expect(licence.body.type).toBe('qualification-missing');
    expect(licence.body.detail).toContain('食品经营许可证');
    const id = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({ legalRep: { name: '王小明', idNumber: '110105194912310021' } }),
    );
    expect(id.body.type).toBe('id-number-invalid');
    const bank = await applicant.post(
      '/api/v1/merchant-applications',
      foodApplication({ bank: { bankName: '招商银行', accountHolder: '王小明', accountNumber: '6214830123456789' } }),
    );
    expect(bank.body.type).toBe('bank-holder-mismatch');
    expect((await applicant.get('/api/v1/merchant-applications/mine')).body.items).toEqual([]);
  });

  it('goes apply → request more → resubmit → approve, and the applicant becomes the shop owner', async () => {
    const applicant = await signIn(t);
    const submitted = await applicant.post('/api/v1/merchant-applications', foodApplication());
    expect(submitted.status).toBe(201);
    const app = submitted.body;
    expect(app).toMatchObject({
      status: 'submitted',
      categoryName: '食品生鲜',
      legalRepName: '王**',
      legalRepIdTail: '002X',
      bankAccountMasked: '**** **** **** 6789',
      dueAt: '2026-11-24T02:00:00.000Z',
      overdue: false,
      deposit: 1_000_000,
    });
    expect(JSON.stringify(app)).not.toContain(VALID_ID_NUMBER);
    expect(JSON.stringify(app)).not.toContain('6214830123456789');
    expect((await applicant.post('/api/v1/merchant-applications', foodApplication())).body.type).toBe(
      'application-open',
    );

    t.clock.advance(5 * 86_400_000);
    const queue = await ops.get('/api/v1/admin/merchant-applications?status=submitted');
    const queued = queue.body.items.find((i: { id: string }) => i.id === app.id);
    expect(queued).toMatchObject({ overdue: true, applicant: { id: applicant.userId } });

    const asked = await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, {
      decision: 'request-info',
      reason: '食品经营许可证照片模糊，请重新上传',
    });
    expect(asked.body).toMatchObject({
      status: 'needs-info',
      dueAt: null,
      lastReason: '食品经营许可证照片模糊，请重新上传',
    });
    const seen = await applicant.get(`/api/v1/merchant-applications/${app.id}`);
    expect(seen.body).toMatchObject({ status: 'needs-info', lastReason: '食品经营许可证照片模糊，请重新上传' });
    expect(
      seen.body.history.map((h: { action: string; by: string; byName: string | null }) => [h.action, h.by, h.byName]),
    ).toEqual([
      ['submitted', 'applicant', expect.any(String)],
      ['info-requested', 'operator', null],
    ]);
    // Deciding twice is refused; an application waiting for the applicant cannot be approved meanwhile.
    expect(
      (await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' })).body.type,
    ).toBe('not-awaiting-review');

    const resubmitted = await applicant.put(
      `/api/v1/merchant-applications/${app.id}`,
      foodApplication({
        qualifications: [
          {
            kind: 'food-licence',
            number: 'JY13301060012345',
            imageUrl: '/media/u/00000000/clear.png',
            validUntil: '2029-12-31',
          },
        ],
      }),
    );
    expect(resubmitted.body).toMatchObject({ status: 'submitted', revision: 2, overdue: false });
    expect(resubmitted.body.dueAt).toBe(addWorkingDays(t.clock.now(), 2).toISOString());

    const approved = await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const merchantId = approved.body.merchantId as string;
    expect(merchantId).toMatch(/^mer_/);
    expect(approved.body.history.map((h: { action: string }) => h.action)).toEqual([
      'submitted',
      'info-requested',
      'resubmitted',
      'approved',
    ]);
    expect(approved.body.history.at(-1).byName).toBe('平台运营');

    const me = await applicant.get('/api/v1/me');
    expect(me.body.staff).toEqual([expect.objectContaining({ merchantId, role: 'owner' })]);
    const profile = await applicant.withHeaders({ 'x-merchant-id': merchantId }).get('/api/v1/merchant/profile');
    expect(profile.body).toMatchObject({ id: merchantId, name: '山野小食铺', status: 'active' });
    const deposit = await applicant.get('/api/v1/merchant/deposit');
    expect(deposit.body).toMatchObject({ required: 1_000_000, held: 0, shortfall: 1_000_000, status: 'active' });
  });

  it('keeps the account holder sealed at rest and shows it opened; plain ones are sealed once at start', async () => {
    const applicant = await signIn(t);
    const app = (await applicant.post('/api/v1/merchant-applications', foodApplication())).body;
    const db = t.deps.database.db;
    const where = eq(merchantApplications.id, app.id);
    const raw = async () => (await db.select().from(merchantApplications).where(where))[0]!;
    expect(FieldCrypto.isSealed((await raw()).bankAccountHolder)).toBe(true);
    expect(app.bankAccountHolder).toBe('杭州山野食品有限公司');
    await db.update(merchantApplications).set({ bankAccountHolder: '杭州山野食品有限公司' }).where(where);
    expect(await sealPlainBankHolders(t.deps)).toBe(1);
    expect(await sealPlainBankHolders(t.deps)).toBe(0);
    expect((await applicant.get(`/api/v1/merchant-applications/${app.id}`)).body.bankAccountHolder).toBe(
      '杭州山野食品有限公司',
    );
    await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, {
      decision: 'reject',
      reason: '测试结束，驳回申请',
    });
  });

  it('rejects with a reason the applicant reads, after which they may apply again', async () => {
    const applicant = await signIn(t);
    const app = (await applicant.post('/api/v1/merchant-applications', foodApplication({ shopName: '仿牌小店' }))).body;
    const noReason = await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    const rejected = await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, {
      decision: 'reject',
      reason: '营业执照经营范围不含食品销售',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', merchantId: null });
    const mine = await applicant.get('/api/v1/merchant-applications/mine');
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', lastReason: '营业执照经营范围不含食品销售' });
    expect((await applicant.put(`/api/v1/merchant-applications/${app.id}`, foodApplication())).body.type).toBe(
      'not-awaiting-resubmission',
    );
    expect((await applicant.post('/api/v1/merchant-applications', foodApplication())).status).toBe(201);
    expect((await applicant.get('/api/v1/me')).body.staff).toEqual([]);
  });

  it('lets no applicant or merchant review, nor see anyone else’s application', async () => {
    const applicant = await signIn(t);
    const app = (await applicant.post('/api/v1/merchant-applications', foodApplication())).body;
    const { owner } = await merchantWithOwner(t, '别家店');
    for (const who of [applicant, owner]) {
      expect((await who.get('/api/v1/admin/merchant-applications')).status).toBe(403);
      expect(
        (await who.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' })).status,
      ).toBe(403);
    }
    const peek = await owner.get(`/api/v1/merchant-applications/${app.id}`);
    expect(peek.status).toBe(404);
    expect(JSON.stringify(peek.body)).not.toContain('山野');
    expect((await owner.put(`/api/v1/merchant-applications/${app.id}`, foodApplication())).status).toBe(404);
    expect((await owner.get('/api/v1/merchant-applications/mine')).body.items).toEqual([]);
    expect((await applicant.get(`/api/v1/merchant-applications/${app.id}`)).status).toBe(200);
  });

  it('does not let an operator approve their own application', async () => {
    const app = (await ops.post('/api/v1/merchant-applications', foodApplication({ shopName: '运营自己的店' }))).body;
    const self = await ops.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' });
    expect(self.status).toBe(403);
    const other = await operator(t);
    expect(
      (await other.post(`/api/v1/admin/merchant-applications/${app.id}/decision`, { decision: 'approve' })).body.status,
    ).toBe('approved');
  });

  it('opens one application when the same person submits twice at once', async () => {
    const applicant = await signIn(t);
    const both = await Promise.all([
      applicant.post('/api/v1/merchant-applications', foodApplication({ shopName: '双击店' })),
      applicant.post('/api/v1/merchant-applications', foodApplication({ shopName: '双击店' })),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await applicant.get('/api/v1/merchant-applications/mine')).body.items).toHaveLength(1);
  });

  it('pages the queue oldest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await signIn(t);
      t.clock.advance(60_000);
      ids.push((await a.post('/api/v1/merchant-applications', foodApplication({ shopName: `排队店 ${i}` }))).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await ops.get(
        `/api/v1/admin/merchant-applications?status=submitted&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
