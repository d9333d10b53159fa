import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { RuleView, ScanBody, ScanResult } from './dto.ts';
import { AD_RULES, CATEGORY_LABEL } from './rules.ts';
import { type Scan, scanAdText } from './scanner.ts';

const tags = ['广告法合规'];

export default async function complianceRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Merchants check copy while writing it; the same rules refuse blocking findings when the product is saved.
  r.post(
    '/api/v1/compliance/scan',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '检查文案是否违反广告法', body: ScanBody, response: { 200: ScanResult } },
    },
    async (req) => {
      const fields = Object.fromEntries(Object.entries(req.body.texts).map(([k, v]) => [k, scanAdText(v)]));
      const verdicts = Object.values(fields).map((f) => f.verdict);
      const verdict: Scan['verdict'] = verdicts.includes('block')
        ? 'block'
        : verdicts.includes('warn')
          ? 'warn'
          : 'pass';
      return { verdict, fields };
    },
  );

  r.get(
    '/api/v1/compliance/rules',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '广告法规则清单', response: { 200: z.array(RuleView) } },
    },
    async () =>
      AD_RULES.map((rule) => ({
        id: rule.id,
        category: rule.category,
        categoryLabel: CATEGORY_LABEL[rule.category],
        severity: rule.severity,
        article: rule.article,
        title: rule.title,
      })),
  );
}
