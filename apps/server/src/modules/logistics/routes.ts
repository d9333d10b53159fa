import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { COURIERS } from './carriers.ts';
import { PROVINCES } from './provinces.ts';
import { CHARGE_MODES, REMOTE_MODES } from './schema.ts';
import {
  activateShippingTemplate,
  createShippingTemplate,
  deleteShippingTemplate,
  listShippingTemplates,
  previewShipping,
  updateShippingTemplate,
} from './templates.ts';
import { receiveTrackingPush } from './tracking.ts';

const tags = ['物流'];
const Fen = z.number().int().describe('金额，单位：分');
const Id = z.object({ id: z.string().min(1).max(64) });
const Province = z.enum(PROVINCES, { error: '请选择省级行政区，如「广东」「新疆」' });
const Units = z.number().int().min(1, '件数至少为 1').max(999, '件数最多 999');
// A weight template's rules count grams: up to 100 kg per step.
const RuleUnits = z.number().int().min(1, '件数或重量至少为 1').max(100_000, '首重、续重最多 100 kg');
const FeeRule = z.object({
  firstUnits: RuleUnits.describe('首件数；按重量计费时为首重（克）'),
  firstFee: Fen.min(0, '运费不能为负').max(100_000, '首件运费最多 ¥1000'),
  extraUnits: RuleUnits.describe('续件数；按重量计费时为续重（克）'),
  extraFee: Fen.min(0, '运费不能为负').max(100_000, '续件运费最多 ¥1000'),
});
const TemplateFields = z.object({
  chargeBy: z.enum(CHARGE_MODES).default('pieces').describe('pieces 按件数；weight 按重量（规则单位为克）'),
  defaultRule: FeeRule.describe('未单独设置的地区按此计费'),
  regions: z
    .array(FeeRule.extend({ provinces: z.array(Province).min(1, '分组至少选择一个省份').max(PROVINCES.length) }))
    .max(PROVINCES.length)
    .default([]),
  freeThreshold: Fen.min(0).max(100_000_000).nullable().describe('满多少（分）包邮；null 表示不包邮'),
  remoteProvinces: z.array(Province).max(PROVINCES.length).default([]),
  remoteMode: z.enum(REMOTE_MODES).default('surcharge').describe('surcharge 加收运费；undeliverable 不配送'),
  remoteExtraFee: Fen.min(0, '运费不能为负').max(100_000, '偏远地区加收最多 ¥1000').default(0),
});
const piecesWithin = (t: z.infer<typeof TemplateFields>) =>
  t.chargeBy === 'weight' || [t.defaultRule, ...t.regions].every((r) => r.firstUnits <= 999 && r.extraUnits <= 999);
const piecesRefinement = { message: '按件数计费时首件、续件最多 999 件', path: ['defaultRule'] };
const TemplateRules = TemplateFields.refine(piecesWithin, piecesRefinement);
const TemplateInput = TemplateFields.extend({
  name: z.string().trim().min(1, '请填写模板名称').max(30, '模板名称最多 30 字'),
}).refine(piecesWithin, piecesRefinement);
const RulesOut = TemplateFields.extend({
  chargeBy: z.enum(CHARGE_MODES),
  regions: z.array(FeeRule.extend({ provinces: z.array(z.string()) })),
  remoteProvinces: z.array(z.string()),
  remoteMode: z.enum(REMOTE_MODES),
  remoteExtraFee: Fen,
});
const Template = RulesOut.extend({
  id: z.string(),
  name: z.string(),
  active: z.boolean().describe('正在用于结算'),
  updatedAt: z.string(),
});

export default async function logisticsRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/merchant/shipping-templates',
    {
      config: { permission: 'merchant:shop.read' },
      schema: {
        tags,
        summary: '运费模板列表（启用的那个用于结算；没有时按平台默认）',
        response: { 200: z.object({ items: z.array(Template), platformDefault: RulesOut }) },
      },
    },
    async (req) => listShippingTemplates(ctxOf(req)),
  );
  r.post(
    '/api/v1/merchant/shipping-templates',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: {
        tags,
        summary: '新建运费模板（仅店主；第一个自动启用）',
        body: TemplateInput,
        response: { 200: Template },
      },
    },
    async (req) => unwrap(await createShippingTemplate(ctxOf(req), req.body)),
  );
  r.put(
    '/api/v1/merchant/shipping-templates/:id',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '修改运费模板（仅店主）', params: Id, body: TemplateInput, response: { 200: Template } },
    },
    async (req) => unwrap(await updateShippingTemplate(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/merchant/shipping-templates/:id/activate',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '启用运费模板（仅店主）', params: Id, response: { 200: Template } },
    },
    async (req) => activateShippingTemplate(ctxOf(req), req.params.id),
  );
  r.delete(
    '/api/v1/merchant/shipping-templates/:id',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '删除未启用的运费模板（仅店主）', params: Id, response: { 200: Id } },
    },
    async (req) => unwrap(await deleteShippingTemplate(ctxOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/merchant/shipping-templates/preview',
    {
      config: { permission: 'merchant:shop.read' },
      schema: {
        tags,
        summary: '试算运费（用表单里尚未保存的模板）',
        body: z.object({
          template: TemplateRules,
          province: Province,
          units: Units,
          weightGrams: z.number().int().min(0).max(1_000_000).optional().describe('包裹重量（克），按重量计费时使用'),
          itemsAmount: Fen.min(0).max(100_000_000),
        }),
        response: { 200: z.object({ fee: Fen.nullable().describe('null 表示不配送'), text: z.string() }) },
      },
    },
    async (req) => previewShipping(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/merchant/carriers',
    {
      config: { permission: 'merchant:orders.ship' },
      schema: {
        tags,
        summary: '可选快递公司及运单号格式',
        response: {
          200: z.object({
            items: z.array(z.string()),
            couriers: z.array(
              z.object({ name: z.string(), code: z.string(), pattern: z.string(), format: z.string() }),
            ),
          }),
        },
      },
    },
    async () => ({
      items: COURIERS.map((c) => c.name),
      couriers: COURIERS.map((c) => ({ name: c.name, code: c.code, pattern: c.pattern.source, format: c.format })),
    }),
  );

  // 快递100 pushes form fields param and sign; sign covers param's exact text, which the form parser keeps intact.
  await app.register(async (push) => {
    push.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    push.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/logistics/kuaidi100/callback',
      {
        config: { permission: 'signed-callback' },
        schema: {
          tags,
          summary: '快递100 物流轨迹推送（sign = MD5(param + salt) 大写）',
          body: z.object({ param: z.string().optional(), sign: z.string().optional() }),
          response: { 200: z.object({ result: z.boolean(), returnCode: z.string(), message: z.string() }) },
        },
      },
      async (req) => receiveTrackingPush(app.deps, req.body),
    );
  });
}
