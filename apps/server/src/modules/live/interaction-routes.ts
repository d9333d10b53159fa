import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { drawLottery, getLottery, openLottery } from './lottery.ts';
import { startLiveFlash } from './flash.ts';
import { invitePk, respondPk } from './pk.ts';
import { closePoll, openPoll, votePoll } from './polls.ts';
import { LiveFlash, Lottery, LotteryDetail, Pk, Poll } from './interaction-dto.ts';

// Danmaku lottery, 投票选品, PK and live flash sale (docs/LIVE.md, "interactions").

const tags = ['live 直播互动'];
const Id = z.string().min(1).max(64);
const SessionParams = z.object({ id: Id });
const staff = '/api/v1/merchant/live';

const LotteryBody = z
  .object({
    keyword: z.string().trim().min(1, '口令 1–10 个字').max(10, '口令 1–10 个字'),
    prize: z
      .object({
        kind: z.literal('coupon'),
        templateId: Id,
        title: z.string().trim().min(1, '请填写奖品名称').max(20, '奖品名称最多 20 个字'),
      })
      .strict(),
    winnersCount: z.number().int().min(1, '中奖人数 1–100').max(100, '中奖人数 1–100'),
    durationSeconds: z.number().int().min(10, '参与时长 10–600 秒').max(600, '参与时长 10–600 秒'),
  })
  .strict();

const PollBody = z
  .object({
    question: z.string().trim().min(2, '问题 2–40 个字').max(40, '问题 2–40 个字'),
    options: z
      .array(
        z
          .object({
            label: z.string().trim().min(1, '选项不能为空').max(20, '选项最多 20 个字'),
            productId: Id.optional(),
          })
          .strict(),
      )
      .min(2, '2–6 个选项')
      .max(6, '2–6 个选项'),
    durationSeconds: z.number().int().min(10, '投票时长 10–1800 秒').max(1800, '投票时长 10–1800 秒'),
  })
  .strict();

const PkBody = z
  .object({
    opponentSessionId: Id,
    metric: z.enum(['gmv', 'likes']),
    durationSeconds: z.number().int().min(60, 'PK 时长 60–1800 秒').max(1800, 'PK 时长 60–1800 秒'),
  })
  .strict();

const FlashBody = z
  .object({
    skuId: Id,
    flashPrice: z.number().int().min(1, '秒杀价至少 0.01 元'),
    quantity: z.number().int().min(1, '秒杀数量至少 1 件').max(100_000),
    perUserLimit: z.number().int().min(1, '每人限购 1–10 件').max(10, '每人限购 1–10 件'),
    countdownSeconds: z.number().int().min(0, '倒计时 0–300 秒').max(300, '倒计时 0–300 秒'),
    durationSeconds: z.number().int().min(30, '秒杀时长 30–3600 秒').max(3600, '秒杀时长 30–3600 秒'),
  })
  .strict();

export default async function liveInteractionRoutes(app: App): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/live/lotteries/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '抽奖详情：承诺值、开奖后的种子、参与者、中奖者与复算方法',
        params: SessionParams,
        response: { 200: LotteryDetail },
      },
    },
    async (req) => getLottery(ctxOf(req), req.params.id),
  );
  r.post(
    `${staff}/sessions/:id/lotteries`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发起弹幕抽奖（主播、场控）',
        params: SessionParams,
        body: LotteryBody,
        response: { 201: Lottery },
      },
    },
    async (req, reply) => reply.code(201).send(unwrap(await openLottery(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    `${staff}/lotteries/:id/draw`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开奖（参与时间结束后；到点也会自动开奖）',
        params: SessionParams,
        response: { 200: Lottery },
      },
    },
    async (req) => unwrap(await drawLottery(ctxOf(req), req.params.id)),
  );

  r.post(
    `${staff}/sessions/:id/polls`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发起投票选品（主播、场控）',
        params: SessionParams,
        body: PollBody,
        response: { 201: Poll },
      },
    },
    async (req, reply) => reply.code(201).send(unwrap(await openPoll(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    `${staff}/polls/:id/close`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '结束投票', params: SessionParams, response: { 200: Poll } },
    },
    async (req) => closePoll(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/live/polls/:id/votes',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '投票（每人每个投票一次）',
        params: SessionParams,
        body: z.object({ optionIndex: z.number().int().min(0).max(5) }).strict(),
        response: { 201: Poll },
      },
    },
    async (req, reply) => reply.code(201).send(unwrap(await votePoll(ctxOf(req), req.params.id, req.body.optionIndex))),
  );

  r.post(
    `${staff}/sessions/:id/pk`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '邀请另一个直播间 PK（主播）',
        params: SessionParams,
        body: PkBody,
        response: { 201: Pk },
      },
    },
    async (req, reply) => reply.code(201).send(unwrap(await invitePk(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    `${staff}/pk/:id/accept`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '接受 PK 邀请（被邀请方主播）', params: SessionParams, response: { 200: Pk } },
    },
    async (req) => unwrap(await respondPk(ctxOf(req), req.params.id, true)),
  );
  r.post(
    `${staff}/pk/:id/decline`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '拒绝 PK 邀请', params: SessionParams, response: { 200: Pk } },
    },
    async (req) => unwrap(await respondPk(ctxOf(req), req.params.id, false)),
  );

  r.post(
    `${staff}/sessions/:id/flash`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发起直播秒杀（主播；倒计时后开抢，可带 Idempotency-Key）',
        params: SessionParams,
        body: FlashBody,
        response: { 201: LiveFlash },
      },
    },
    async (req, reply) => reply.code(201).send(unwrap(await startLiveFlash(ctxOf(req), req.params.id, req.body))),
  );
}
