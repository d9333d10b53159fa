import { z } from 'zod';
import { CATEGORY_LABEL, type RuleCategory } from './rules.ts';
import { LEXICON_ACTIONS, LEXICON_SCOPES } from './schema.ts';

export const ScanBody = z.object({
  texts: z
    .record(z.string().max(40), z.string().max(20000))
    .refine((r) => Object.keys(r).length <= 20, '一次最多检查 20 段文字'),
  /** The product's category and its parent: rules scoped to categories apply by them. */
  categoryIds: z.array(z.string().max(64)).max(5).default([]),
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
  lexiconVersion: z.number().int(),
  fields: z.record(
    z.string(),
    z.object({
      verdict: z.enum(['pass', 'warn', 'block']),
      findings: z.array(Finding),
      suggestedText: z.string(),
      lexiconVersion: z.number().int(),
    }),
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

const RuleCategoryEnum = z.enum(Object.keys(CATEGORY_LABEL) as [RuleCategory, ...RuleCategory[]]);

const Snapshot = z.object({
  kind: z.enum(['term', 'pattern']),
  text: z.string(),
  exceptPattern: z.string().nullable(),
  category: RuleCategoryEnum,
  action: z.enum(LEXICON_ACTIONS),
  article: z.string(),
  title: z.string(),
  rewrite: z.string().nullable(),
  scope: z.enum(LEXICON_SCOPES),
  categoryIds: z.array(z.string()),
  enabled: z.boolean(),
});

export const LexiconEntry = Snapshot.extend({
  id: z.string(),
  categoryLabel: z.string(),
  builtIn: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const LexiconChange = z.object({ version: z.number().int(), entry: LexiconEntry });

export const LexiconVersion = z.object({
  version: z.number().int(),
  entryId: z.string(),
  action: z.enum(['create', 'update', 'disable', 'enable']),
  actorId: z.string(),
  at: z.string(),
  before: Snapshot.nullable(),
  after: Snapshot,
});

const LexiconFields = z.object({
  kind: z.enum(['term', 'pattern']),
  text: z.string().trim().min(1, '请填写词语或规则').max(300, '词语或规则最多 300 字'),
  exceptPattern: z.string().max(300).nullable(),
  category: RuleCategoryEnum,
  action: z.enum(LEXICON_ACTIONS),
  article: z.string().trim().min(1, '请填写依据的条款').max(120),
  title: z.string().trim().min(1, '请填写说明').max(80),
  rewrite: z.string().max(40).nullable(),
  scope: z.enum(LEXICON_SCOPES),
  categoryIds: z.array(z.string().max(64)).max(20),
});

export const LexiconBody = LexiconFields.extend({
  exceptPattern: LexiconFields.shape.exceptPattern.default(null),
  rewrite: LexiconFields.shape.rewrite.default(null),
  scope: LexiconFields.shape.scope.default('all'),
  categoryIds: LexiconFields.shape.categoryIds.default([]),
});

export const LexiconPatch = LexiconFields.partial().extend({ enabled: z.boolean().optional() });
