import { z } from 'zod';

export const ScanBody = z.object({
  texts: z
    .record(z.string().max(40), z.string().max(20000))
    .refine((r) => Object.keys(r).length <= 20, '一次最多检查 20 段文字'),
});

const Finding = z.object({
  ruleId: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  severity: z.enum(['block', 'warn']),
  article: z.string(),
  title: z.string(),
  matched: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  suggestion: z.string(),
});

export const ScanResult = z.object({
  verdict: z.enum(['pass', 'warn', 'block']),
  fields: z.record(
    z.string(),
    z.object({ verdict: z.enum(['pass', 'warn', 'block']), findings: z.array(Finding), suggestedText: z.string() }),
  ),
});

export const RuleView = z.object({
  id: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  severity: z.enum(['block', 'warn']),
  article: z.string(),
  title: z.string(),
});
