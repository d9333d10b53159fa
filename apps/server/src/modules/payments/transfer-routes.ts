import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { listStuckTransfers, markTransferPaidManually, retryTransfer } from './stuck-transfers.ts';

const tags = ['赔付转账'];
const Params = z.object({ id: z.string().min(1).max(64) });
const StuckTransfer = z.object({
  transferId: z.string(),
  refId: z.string().describe('来源：tenfold:<理赔单号> 为假一赔十'),
  userId: z.string(),
  amount: z.number().int().describe('金额（分）'),
  provider: z.string(),
  status: z.enum(['pending', 'failed']).describe('pending：渠道未给出结果；failed：渠道拒绝，未付款'),
  requestNo: z.string().describe('渠道请求号（out_biz_no / out_batch_no）'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  requestedAt: z.string(),
  ageMinutes: z.number().int(),
});

export default async function transferRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/compensation-transfers/stuck',
    {
      config: { permission: 'staff:finance.read' },
      schema: {
        tags,
        summary: '异常赔付转账：失败或超时未到账',
        response: { 200: z.object({ items: z.array(StuckTransfer), thresholdMinutes: z.number().int() }) },
      },
    },
    async (req) => listStuckTransfers(ctxOf(req)),
  );
  r.post(
    '/api/v1/admin/compensation-transfers/:id/retry',
    {
      config: { permission: 'staff:finance.manage' },
      schema: {
        tags,
        summary: '重试转账（结果未知时沿用原请求号，不会重复付款）',
        params: Params,
        response: { 200: StuckTransfer },
      },
    },
    async (req) => unwrap(await retryTransfer(ctxOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/admin/compensation-transfers/:id/manual-payment',
    {
      config: { permission: 'staff:finance.manage' },
      schema: {
        tags,
        summary: '标记为已人工打款（记账到平台银行账户）',
        params: Params,
        body: z.object({
          note: z.string().trim().min(4, '请写明打款方式与凭证号（至少 4 个字）').max(200, '说明最多 200 个字'),
        }),
        response: { 200: z.object({ transferId: z.string(), completedAt: z.string() }) },
      },
    },
    async (req) => unwrap(await markTransferPaidManually(ctxOf(req), req.params.id, req.body)),
  );
}
