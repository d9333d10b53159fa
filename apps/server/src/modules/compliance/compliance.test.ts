import { describe, expect, it } from 'vitest';
import { merchantWithOwner } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';

const t = await createTestApp();
const anon = new Client(t);

const newProduct = (title: string, description = '5% 烟酰胺，温和不刺激') => ({
  categoryId: 'cat_skincare',
  title,
  subtitle: '提亮肤色',
  description,
  images: ['/media/placeholder/essence.svg?label=精华液'],
  attributes: [],
  specs: [{ name: '规格', values: ['30ml'] }],
  skus: [{ specValues: { 规格: '30ml' }, price: 12900, stock: 10 }],
});

describe('ad-law checks on merchant copy', () => {
  it('refuses a product title with a blocking term, field by field, and saves nothing', async () => {
    const { owner } = await merchantWithOwner(t);
    const res = await owner.post('/api/v1/merchant/products', newProduct('全网第一烟酰胺精华液', '三天美白，无效退款'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'ad-law-violation', title: '文案含有广告法禁止的用语' });
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['body.title', 'body.description', 'body.description']);
    expect(res.body.errors[0].message).toContain('「全网第一」');
    expect(res.body.errors[0].message).toContain('第九条');
    const mine = await owner.get('/api/v1/merchant/products');
    expect(mine.body.items).toHaveLength(0);
  });

  it('saves copy that only warns, and refuses an edit that adds a blocking term', async () => {
    const { owner } = await merchantWithOwner(t);
    const created = await owner.post('/api/v1/merchant/products', newProduct('烟酰胺精华液 原价199'));
    expect(created.status).toBe(201);
    const edit = await owner.patch(`/api/v1/merchant/products/${created.body.id}`, { title: '最好用的精华液' });
    expect(edit.status).toBe(422);
    expect((await owner.get(`/api/v1/merchant/products/${created.body.id}`)).body.title).toBe('烟酰胺精华液 原价199');
  });

  it('lets a merchant check copy before saving, with findings per field', async () => {
    const { owner } = await merchantWithOwner(t);
    expect((await anon.post('/api/v1/compliance/scan', { texts: { title: '全网第一' } })).status).toBe(401);
    const res = await owner.post('/api/v1/compliance/scan', {
      texts: { title: '全网第一精华液', description: '原价399，到手价99' },
    });
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('block');
    expect(res.body.fields.title.findings[0]).toMatchObject({ matched: '全网第一', severity: 'block' });
    expect(res.body.fields.description.verdict).toBe('warn');
    const rules = await anon.get('/api/v1/compliance/rules');
    expect(rules.body.length).toBeGreaterThanOrEqual(8);
  });
});
