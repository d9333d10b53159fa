import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, payCheckout, placeOrder, shop } from '../../../test/order-factories.ts';
import { makeCtx } from '../../platform/context.ts';
import { askAssistant } from '../service/api.ts';
import { isGrounded } from './phrasing.ts';

// A local stand-in for an OpenAI-compatible endpoint: it answers each request with the next scripted reply.
const script: { status: number; content: string }[] = [];
const requests: { model: string; auth: string | undefined }[] = [];
const fake = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    requests.push({ model: JSON.parse(body).model, auth: req.headers.authorization });
    const next = script.shift() ?? { status: 500, content: '' };
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: next.content } }] }));
  });
});
await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));
const port = (fake.address() as AddressInfo).port;

const t = await createTestApp({
  LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
  LLM_API_KEY: 'test-key',
  LLM_MODEL: 'fake-model',
});

describe('grounding guard', () => {
  it('keeps a rephrasing that only repeats the facts and drops one that adds a number, a date or a status', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await payCheckout(t, checkout.checkoutId);
    const orderNo = checkout.orders[0]!.orderNo;
    const ctx = makeCtx(t.deps, { kind: 'user', userId: me.userId, sessionId: 's', roles: ['consumer'], staff: [] });
    const ask = () => askAssistant(ctx, { conversationId: 'c', text: '我的订单发货了吗', context: {} });

    script.push({ status: 200, content: `亲，您的订单 ${orderNo} 目前是「待发货」，商家发货后会显示快递单号哦～` });
    const grounded = await ask();
    expect(grounded.text).toBe(`亲，您的订单 ${orderNo} 目前是「待发货」，商家发货后会显示快递单号哦～`);
    expect(grounded.toolsUsed?.map((u) => u.tool)).toContain('llm.phrase');
    expect(requests.at(-1)).toEqual({ model: 'fake-model', auth: 'Bearer test-key' });

    const template = (await ask()).text; // the script is empty: the endpoint fails, the template answers
    expect(template).toContain('待发货');
    expect(template).toContain(orderNo);

    script.push({ status: 200, content: `您的订单 ${orderNo} 预计 2 天内发货。` });
    expect((await ask()).text).toBe(template);
    script.push({ status: 200, content: `您的订单 ${orderNo} 已发货，请耐心等待。` });
    expect((await ask()).text).toBe(template);
    script.push({ status: 200, content: '您的订单明天就到。' });
    expect((await ask()).text).toBe(template);
  });

  it('checks numbers, times, amounts and status words against the sources', () => {
    const facts = '订单 20261206000001 当前状态：待收货。已于 12月6日 14:30 由顺丰速运发出，应付 ¥99.00。';
    expect(isGrounded('订单 20261206000001 待收货，12月6日 14:30 顺丰已发出', facts)).toBe(true);
    expect(isGrounded('应付 ¥99.00', facts)).toBe(true);
    expect(isGrounded('应付 ¥89.00', facts)).toBe(false);
    expect(isGrounded('12月7日 送达', facts)).toBe(false);
    expect(isGrounded('订单已完成', facts)).toBe(false);
  });
});
