import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';

// 搜索词库: operators edit the synonyms and category words, and search uses the change on the next query.

const t = await createTestApp();
const anon = new Client(t);
const ops = await operator(t);
const shop = await merchantWithOwner(t, '词库测试店');

const create = async (title: string, categoryId: string): Promise<string> => {
  const res = await shop.owner.post('/api/v1/merchant/products', {
    title,
    description: '',
    categoryId,
    attributes: [],
    specs: [],
    skus: [{ specValues: {}, price: 4900, stock: 10 }],
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.id;
};
const flask = await create('热水瓶 3.2L 家用', 'cat_kitchen');
const tea = await create('西湖龙井 明前 250g', 'cat_tea');
await create('玻尿酸保湿面霜', 'cat_skincare');

const found = async (q: string): Promise<string[]> => {
  const res = await anon.get(`/api/v1/products?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body.items.map((p: { id: string }) => p.id);
};
const list = (query: string) => ops.get(`/api/v1/admin/search-words?${query}`);

describe('搜索词库', () => {
  it('starts from the built-in lists, pages them and finds an entry by a word', async () => {
    const first = await list('kind=synonym&limit=20');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(20);
    const second = await list(`kind=synonym&limit=100&cursor=${first.body.nextCursor}`);
    expect(first.body.items.length + second.body.items.length).toBe(64);
    expect(second.body.nextCursor).toBeNull();
    const cream = await list('kind=synonym&q=面霜');
    expect(cream.body.items.map((e: { words: string[] }) => e.words)).toEqual([['面霜', '乳霜', '保湿霜', '面部护肤']]);
    const snacks = await list('kind=category&q=零食');
    expect(snacks.body.items[0]).toMatchObject({ words: ['零食'], categories: [{ id: 'cat_snacks' }] });
  });

  it('makes a query find a product it did not find before once an operator adds a synonym, without a restart', async () => {
    expect(await found('暖壶')).toEqual([]);
    const added = await ops.post('/api/v1/admin/search-words', { kind: 'synonym', words: ['热水瓶', ' 暖壶 '] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'synonym', words: ['热水瓶', '暖壶'], updatedBy: ops.userId });
    expect(await found('暖壶')).toEqual([flask]);

    // Undoable delete: gone from search at once, back after 撤销.
    const removed = await ops.delete(`/api/v1/admin/search-words/${added.body.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.deletedAt).not.toBeNull();
    expect(await found('暖壶')).toEqual([]);
    expect((await list('kind=synonym&deleted=true')).body.items.map((e: { id: string }) => e.id)).toEqual([
      added.body.id,
    ]);
    const restored = await ops.post(`/api/v1/admin/search-words/${added.body.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect(await found('暖壶')).toEqual([flask]);
  });

  it('lets a category word name a category, and an edit take effect on the next search', async () => {
    expect(await found('养生')).toEqual([]);
    const added = await ops.post('/api/v1/admin/search-words', {
      kind: 'category',
      words: ['养生'],
      categoryIds: ['cat_tea'],
    });
    expect(added.status).toBe(201);
    expect(added.body.categories).toEqual([{ id: 'cat_tea', name: expect.any(String) }]);
    expect(await found('养生')).toEqual([tea]);
    const moved = await ops.put(`/api/v1/admin/search-words/${added.body.id}`, {
      words: ['养生'],
      categoryIds: ['cat_kitchen'],
    });
    expect(moved.status).toBe(200);
    expect(await found('养生')).toEqual([flask]);

    // Every change is recorded with who made it and the entry before and after.
    const history = await ops.get(`/api/v1/admin/search-words/${added.body.id}/history`);
    expect(history.body.items.map((c: { action: string }) => c.action)).toEqual(['create', 'update']);
    expect(history.body.items[1]).toMatchObject({
      actorId: ops.userId,
      actorName: '平台运营',
      before: { words: ['养生'], categoryIds: ['cat_tea'] },
      after: { words: ['养生'], categoryIds: ['cat_kitchen'] },
    });
  });

  it('refuses entries that would make a word mean two things, with Chinese problems', async () => {
    const taken = await ops.post('/api/v1/admin/search-words', { kind: 'synonym', words: ['晚霜', '面霜'] });
    expect(taken.status).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    expect(taken.body.title).toBe('「面霜」已在另一组同义词里');
    expect(taken.body.detail).toContain('乳霜');
    const alone = await ops.post('/api/v1/admin/search-words', { kind: 'synonym', words: ['晚霜'] });
    expect(alone.status).toBe(400);
    expect(alone.body.title).toBe('同义词组至少要有两个词');
    const twice = await ops.post('/api/v1/admin/search-words', { kind: 'synonym', words: ['晚霜', 'ＷＡＮ', 'wan'] });
    expect(twice.body.title).toBe('同一词条里有重复的词');
    const noCategory = await ops.post('/api/v1/admin/search-words', {
      kind: 'category',
      words: ['宠物'],
      categoryIds: ['cat_pets'],
    });
    expect(noCategory.status).toBe(422);
    expect(noCategory.body.title).toBe('类目不存在');
    const sameWord = await ops.post('/api/v1/admin/search-words', {
      kind: 'category',
      words: ['零食'],
      categoryIds: ['cat_tea'],
    });
    expect(sameWord.status).toBe(409);
    expect(sameWord.body.title).toBe('类目词「零食」已存在');
    const badKind = await ops.post('/api/v1/admin/search-words', { kind: 'brand', words: ['a', 'b'] });
    expect(badKind.status).toBe(400);
    expect(JSON.stringify(badKind.body)).toContain('词条类型只能是');
    expect((await ops.delete('/api/v1/admin/search-words/sw_nope')).status).toBe(404);
  });

  it('is for operators only', async () => {
    expect((await shop.owner.get('/api/v1/admin/search-words')).status).toBe(403);
    expect((await shop.owner.post('/api/v1/admin/search-words', { kind: 'synonym', words: ['a', 'b'] })).status).toBe(
      403,
    );
    expect((await anon.get('/api/v1/admin/search-words')).status).toBe(401);
  });
});
