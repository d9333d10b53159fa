import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as chat from './agent-chat.ts';
import * as canned from './canned.ts';
import * as desk from './desk.ts';
import {
  CannedBody,
  CannedView,
  CloseBody,
  ConversationView,
  CustomerPanel,
  DeskQuery,
  DeskView,
  HistoryQuery,
  MessagePage,
  MessageView,
  MetricsView,
  NoteBody,
  NoteView,
  OpenedView,
  ReadBody,
  SendBody,
  StatusBody,
  TransferBody,
} from './dto.ts';
import { serviceMetrics } from './metrics.ts';

const IdParams = z.object({ id: z.string().max(64) });
const tags = ['客服工作台'];
// Shop staff work their shop's desk, operators the platform's (?desk=platform); each use-case checks which.
const user = { permission: 'user' as const };
const Ok = z.object({ ok: z.literal(true) });
const MetricsQuery = DeskQuery.extend({ days: z.coerce.number().int().min(1).max(90).default(7) });
const base = '/api/v1/service/desk';

export default async function deskRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    base,
    {
      config: user,
      schema: {
        tags,
        summary: '工作台：排队中的会话、我的会话、客服在线情况',
        querystring: DeskQuery,
        response: { 200: DeskView },
      },
    },
    async (req) => desk.deskOverview(ctxOf(req), req.query.desk),
  );
  r.put(
    `${base}/status`,
    {
      config: user,
      schema: {
        tags,
        summary: '上线/下线、技能与最大接待量',
        querystring: DeskQuery,
        body: StatusBody,
        response: { 200: DeskView },
      },
    },
    async (req) => desk.setAgentStatus(ctxOf(req), req.query.desk, req.body),
  );
  r.get(
    `${base}/metrics`,
    {
      config: user,
      schema: {
        tags,
        summary: '客服指标：首响、解决时长、满意度、自助解决率',
        querystring: MetricsQuery,
        response: { 200: MetricsView },
      },
    },
    async (req) => serviceMetrics(ctxOf(req), req.query.desk, req.query.days),
  );
  r.get(
    `${base}/canned-replies`,
    {
      config: user,
      schema: {
        tags,
        summary: '快捷回复',
        querystring: DeskQuery,
        response: { 200: z.object({ items: z.array(CannedView) }) },
      },
    },
    async (req) => canned.listCannedReplies(ctxOf(req), req.query.desk),
  );
  r.post(
    `${base}/canned-replies`,
    {
      config: user,
      schema: {
        tags,
        summary: '新增快捷回复',
        querystring: DeskQuery,
        body: CannedBody,
        response: { 201: CannedView },
      },
    },
    async (req, reply) => reply.status(201).send(await canned.addCannedReply(ctxOf(req), req.query.desk, req.body)),
  );
  r.delete(
    `${base}/canned-replies/:id`,
    {
      config: user,
      schema: { tags, summary: '删除快捷回复', params: IdParams, querystring: DeskQuery, response: { 200: Ok } },
    },
    async (req) => {
      await canned.removeCannedReply(ctxOf(req), req.query.desk, req.params.id);
      return { ok: true as const };
    },
  );

  const conv = `${base}/conversations/:id`;
  r.get(
    conv,
    {
      config: user,
      schema: { tags, summary: '会话全文（含智能助手的回答）', params: IdParams, response: { 200: OpenedView } },
    },
    async (req) => chat.deskConversationDetail(ctxOf(req), req.params.id),
  );
  r.get(
    `${conv}/messages`,
    {
      config: user,
      schema: {
        tags,
        summary: '会话消息（afterSeq 断线补齐）',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: MessagePage },
      },
    },
    async (req) => chat.deskMessages(ctxOf(req), req.params.id, req.query),
  );
  r.get(
    `${conv}/customer`,
    {
      config: user,
      schema: {
        tags,
        summary: '顾客信息：会员等级、订单、售后、备注',
        params: IdParams,
        response: { 200: CustomerPanel },
      },
    },
    async (req) => chat.customerPanel(ctxOf(req), req.params.id),
  );
  r.post(
    `${conv}/claim`,
    {
      config: user,
      schema: { tags, summary: '接待排队中的会话', params: IdParams, response: { 200: ConversationView } },
    },
    async (req) => unwrap(await desk.claimConversation(ctxOf(req), req.params.id)),
  );
  r.post(
    `${conv}/messages`,
    {
      config: user,
      schema: {
        tags,
        summary: '客服回复',
        params: IdParams,
        body: SendBody,
        response: { 200: z.object({ items: z.array(MessageView) }) },
      },
    },
    async (req) => ({ items: unwrap(await chat.replyAsAgent(ctxOf(req), req.params.id, req.body)) }),
  );
  r.post(
    `${conv}/read`,
    { config: user, schema: { tags, summary: '标记已读', params: IdParams, body: ReadBody, response: { 200: Ok } } },
    async (req) => {
      await chat.markReadByAgent(ctxOf(req), req.params.id, req.body.seq);
      return { ok: true as const };
    },
  );
  r.post(
    `${conv}/transfer`,
    {
      config: user,
      schema: {
        tags,
        summary: '转接给其他客服或平台客服',
        params: IdParams,
        body: TransferBody,
        response: { 200: ConversationView },
      },
    },
    async (req) => unwrap(await desk.transferConversation(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    `${conv}/close`,
    {
      config: user,
      schema: {
        tags,
        summary: '结束会话（须选择原因）',
        params: IdParams,
        body: CloseBody,
        response: { 200: ConversationView },
      },
    },
    async (req) => unwrap(await chat.closeByAgent(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    `${conv}/notes`,
    {
      config: user,
      schema: {
        tags,
        summary: '添加内部备注（顾客看不到）',
        params: IdParams,
        body: NoteBody,
        response: { 201: NoteView },
      },
    },
    async (req, reply) => reply.status(201).send(await chat.addNote(ctxOf(req), req.params.id, req.body.text)),
  );
}
