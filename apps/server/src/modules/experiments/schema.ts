import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export const PRIMARY_METRICS = ['conversion', 'revenue_per_user'] as const;
export type PrimaryMetric = (typeof PRIMARY_METRICS)[number];
export const GUARDRAILS = ['refund_rate', 'pay_success', 'average_order_value'] as const;
export type Guardrail = (typeof GUARDRAILS)[number];

/** One arm of an experiment; the first variant is the control. */
export interface Variant {
  key: string;
  name: string;
  /** Relative share of the experiment's traffic (any positive integers: 50/50, 1/1, 10/90 …). */
  weight: number;
}

/**
 * An A/B experiment. While a draft it may be edited; starting it claims a contiguous range of its layer's
 * 10,000 buckets (`bucketStart` … `bucketEnd`, exclusive) that no other running experiment of the layer holds, so
 * a unit is in at most one experiment per layer. Stopping is final: a stopped experiment keeps its results.
 */
export const experiments = pgTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    hypothesis: text('hypothesis').notNull(),
    /** Mutual-exclusion layer (e.g. home-layout, ranking). */
    layer: text('layer').notNull(),
    variants: jsonb('variants').$type<Variant[]>().notNull(),
    /** Share of the layer's units that enter the experiment, 1–100 %. */
    trafficPercent: integer('traffic_percent').notNull(),
    primaryMetric: text('primary_metric', { enum: PRIMARY_METRICS }).notNull(),
    guardrails: text('guardrails', { enum: GUARDRAILS }).array().notNull(),
    /** The planning inputs of the power analysis: today's conversion rate and the smallest relative change worth finding. */
    baselineRate: doublePrecision('baseline_rate').notNull(),
    minimumDetectableEffect: doublePrecision('minimum_detectable_effect').notNull(),
    /** Hash salt of the variant split: fixed at creation so assignments never move. */
    salt: text('salt').notNull(),
    status: text('status', { enum: EXPERIMENT_STATUSES }).notNull(),
    bucketStart: integer('bucket_start'),
    bucketEnd: integer('bucket_end'),
    /** Created by the demo seed, not by an operator. */
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    startedBy: text('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedBy: text('stopped_by'),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  },
  (t) => [index('experiments_status_idx').on(t.status, t.layer), index('experiments_created_idx').on(t.createdAt)],
);
