import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** A drill-down row as stored with the alert (computed when it opened). */
export interface StoredContribution {
  dimension: string;
  value: string;
  observed: number;
  expected: number;
  contribution: number;
  share: number;
  surprise: number;
}

/**
 * One anomaly: a metric outside its expected band. While it is not resolved, later minutes that are still
 * anomalous in the same direction extend it (last_seen_at, minutes) instead of opening another one.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    metric: text('metric').notNull(),
    direction: text('direction', { enum: ['up', 'down'] }).notNull(),
    state: text('state', { enum: ALERT_STATES }).notNull(),
    /** The checked hour [window_start, window_end) at its worst minute so far; observed, band and drill-down are of it. */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    observed: doublePrecision('observed').notNull(),
    expectedLow: doublePrecision('expected_low').notNull(),
    expectedMedian: doublePrecision('expected_median').notNull(),
    expectedHigh: doublePrecision('expected_high').notNull(),
    historyWeeks: integer('history_weeks').notNull(),
    deviation: doublePrecision('deviation').notNull(),
    score: doublePrecision('score').notNull(),
    drilldown: jsonb('drilldown').$type<StoredContribution[]>().notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Checked minutes that found it anomalous. */
    minutes: integer('minutes').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgeNote: text('acknowledge_note'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolveNote: text('resolve_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // At most one live alert per metric and direction: a re-run of a minute cannot open a second one.
    uniqueIndex('alerts_live_uq')
      .on(t.metric, t.direction)
      .where(sql`${t.state} <> 'resolved'`),
    index('alerts_state_idx').on(t.state, t.id),
  ],
);

/** How far the minute checks have got: the restart point for catching up. One row. */
export const alertCheckpoints = pgTable('alert_checkpoints', {
  id: text('id').primaryKey(),
  checkedThrough: timestamp('checked_through', { withTimezone: true }).notNull(),
});

/** Each metric's latest verdict, judged or not and why: the console shows what is being watched. */
export const alertMetricStatus = pgTable('alert_metric_status', {
  metric: text('metric').primaryKey(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  /** Null for a rate with no denominator in the minute (no searches, no payments): there is nothing to show. */
  observed: doublePrecision('observed'),
  judged: boolean('judged').notNull(),
  expectedLow: doublePrecision('expected_low'),
  expectedMedian: doublePrecision('expected_median'),
  expectedHigh: doublePrecision('expected_high'),
  anomalous: boolean('anomalous').notNull(),
  /** Why it was not judged (too little history or volume), in Chinese. */
  reason: text('reason'),
});
