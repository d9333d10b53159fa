import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { sendByConsumer } from './consumer-send.ts';
import * as conv from './conversations.ts';
import deskRoutes from './desk-routes.ts';
import {
  ConversationPage,
  ConversationView,
  HistoryQuery,
  MessagePage,
  OpenBody,
  OpenedView,
  PageQuery,
  RateBody,
  ReadBody,
  SendBody,
  SendResult,
} from './dto.ts';
import serviceSocketRoutes from './socket.ts';

const IdParams = z.object({ id: z.string().max(64) });
const tags = ['客服'];
const user = { permission: 'user' as const };
const Ok = z.object({ ok: z.literal(true) });

/** The consumer's side: 联系客服 opens a conversation; only its own conversations are visible. */
export default async function serviceRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/service/conversations',
    {
      config: user,
      schema: {
        tags,
        summary: '联系客服（从商品、订单、售后、直播间或“我的”发起）',
        body: OpenBody,
        response: { 200: OpenedView },
      },
    },
    async (req) => conv.openConversation(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/service/conversations',
    {
      config: user,
      schema: { tags, summary: '我的客服会话', querystring: PageQuery, response: { 200: ConversationPage } },
    },
    async (req) => conv.listMyConversations(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/service/conversations/:id',
    { config: user, schema: { tags, summary: '会话详情与最近消息', params: IdParams, response: { 200: OpenedView } } },
    async (req) => conv.getMyConversation(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/service/conversations/:id/messages',
    {
      config: user,
      schema: {
        tags,
        summary: '会话消息（afterSeq 断线补齐，beforeSeq 向前翻页）',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: MessagePage },
      },
    },
    async (req) => conv.myMessages(ctxOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/v1/service/conversations/:id/messages',
    {
      config: user,
      schema: {
        tags,
        summary: '发送消息（文字、图片或订单卡片）',
        params: IdParams,
        body: SendBody,
        response: { 200: SendResult },
      },
    },
    async (req) => unwrap(await sendByConsumer(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/service/conversations/:id/read',
    { config: user, schema: { tags, summary: '标记已读', params: IdParams, body: ReadBody, response: { 200: Ok } } },
    async (req) => {
      await conv.markReadByConsumer(ctxOf(req), req.params.id, req.body.seq);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/service/conversations/:id/close',
    {
      config: user,
      schema: { tags, summary: '结束会话（问题已解决）', params: IdParams, response: { 200: ConversationView } },
    },
    async (req) => unwrap(await conv.closeByConsumer(ctxOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/service/conversations/:id/rating',
    {
      config: user,
      schema: {
        tags,
        summary: '评价本次服务（1–5 星）',
        params: IdParams,
        body: RateBody,
        response: { 200: ConversationView },
      },
    },
    async (req) => unwrap(await conv.rateConversation(ctxOf(req), req.params.id, req.body)),
  );

  await deskRoutes(app);
  await serviceSocketRoutes(app);
}
