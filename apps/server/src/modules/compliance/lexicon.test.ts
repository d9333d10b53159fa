import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { loginByCode } from '../../../test/http.ts';

// 广告法词库: operators' changes apply to the next save in this process, every change is a version with its
// before/after, and category-scoped rules apply only in their categories.

const t = await createTestApp();
const ops = await operator(t);
const { owner } = await merchantWithOwner(t, '词库店');

const product = (title: string, categoryId = 'cat_skincare') => ({
  categoryId,
  title,
  description: '',
  attributes: [],
  specs: [],
  skus: [{ specValues: {}, price: 5900, stock: 5 }],
});
const entry = {
  kind: 'term',
  text: '秒杀全网',
  category: 'absolute',
  action: 'block',
  article: '广告法 第九条第（三）项',
  title: '贬低其他商品的绝对化用语',
  rewrite: '超值',
};

describe('operator-editable ad-law lexicon', () => {
  it('a new entry blocks the next save; disabling it lets the save through; each change is a version', async () => {
    expect((await owner.post('/api/v1/merchant/products', product('秒杀全网保湿霜 A'))).status).toBe(201);
    const start = (await ops.get('/api/v1/admin/ad-lexicon')).body.version as number;

    const created = await ops.post('/api/v1/admin/ad-lexicon', entry);
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(start + 1);
    const refused = await owner.post('/api/v1/merchant/products', product('秒杀全网保湿霜 B'));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toContain('「秒杀全网」');
    expect(refused.body.detail).toContain(`第 ${start + 1} 版`);
    const scan = await owner.post('/api/v1/compliance/scan', { texts: { title: '秒杀全网' } });
    expect(scan.body).toMatchObject({ verdict: 'block', lexiconVersion: start + 1 });
    expect(scan.body.fields.title.suggestedText).toBe('超值');

    const dup = await ops.post('/api/v1/admin/ad-lexicon', { ...entry, text: ' 秒杀全网 ' });
    expect(dup.status).toBe(409);
    expect(dup.body.title).toBe('词条已存在');

    const disabled = await ops.patch(`/api/v1/admin/ad-lexicon/${created.body.entry.id}`, { enabled: false });
    expect(disabled.body.version).toBe(start + 2);
    expect((await owner.post('/api/v1/merchant/products', product('秒杀全网保湿霜 C'))).status).toBe(201);

    const history = await ops.get(`/api/v1/admin/ad-lexicon/versions?entryId=${created.body.entry.id}`);
    expect(history.body.map((v: { action: string }) => v.action)).toEqual(['disable', 'create']);
    expect(history.body[0]).toMatchObject({
      version: start + 2,
      actorId: ops.userId,
      before: { text: '秒杀全网', enabled: true },
      after: { text: '秒杀全网', enabled: false },
    });
    expect(history.body[1].before).toBeNull();
  });

  it('refuses an invalid or empty-matching pattern with 422', async () => {
    const bad = await ops.post('/api/v1/admin/ad-lexicon', { ...entry, kind: 'pattern', text: '(最强' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ type: 'invalid-pattern', title: '正则表达式无效' });
    const empty = await ops.post('/api/v1/admin/ad-lexicon', { ...entry, kind: 'pattern', text: '最*' });
    expect(empty.status).toBe(422);
  });

  it('a category-scoped rule applies only in its category', async () => {
    // Built in: 祛斑 / 美白 block everywhere except registered special-use cosmetics.
    expect(
      (await owner.post('/api/v1/merchant/products', product('祛斑美白精华', 'cat_special_cosmetics'))).status,
    ).toBe(201);
    expect((await owner.post('/api/v1/merchant/products', product('祛斑美白精华', 'cat_skincare'))).status).toBe(422);
    expect((await owner.post('/api/v1/merchant/products', product('祛斑美白软糖', 'cat_snacks'))).status).toBe(422);

    // An operator's rule only for food: 药食同源 blocks on food, not on skincare.
    const onlyFood = await ops.post('/api/v1/admin/ad-lexicon', {
      ...entry,
      text: '药食同源',
      category: 'medical',
      scope: 'only',
      categoryIds: ['cat_food'],
    });
    expect(onlyFood.status).toBe(201);
    expect((await owner.post('/api/v1/merchant/products', product('药食同源红枣', 'cat_snacks'))).status).toBe(422);
    expect((await owner.post('/api/v1/merchant/products', product('药食同源面膜', 'cat_skincare'))).status).toBe(201);
    const scoped = await ops.post('/api/v1/admin/ad-lexicon', { ...entry, text: '仅限', scope: 'only' });
    expect(scoped.status).toBe(422);
  });

  it('lets only staff with the permission read or edit the lexicon', async () => {
    const shopper = await loginByCode(t);
    expect((await shopper.get('/api/v1/admin/ad-lexicon')).status).toBe(403);
    expect((await shopper.post('/api/v1/admin/ad-lexicon', entry)).status).toBe(403);
    expect((await owner.patch('/api/v1/admin/ad-lexicon/adl_builtin_absolute-level', { enabled: false })).status).toBe(
      403,
    );
    const list = await ops.get('/api/v1/admin/ad-lexicon?q=第一');
    expect(list.body.items.some((e: { builtIn: boolean }) => e.builtIn)).toBe(true);
  });
});
