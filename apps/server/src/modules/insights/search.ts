import type { Deps } from '../../deps.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { queryEvents } from '../analytics/api.ts';
import { ratio } from './scope.ts';

// 搜索洞察: what shoppers search for, what finds nothing, and what finds products nobody clicks. Read from the
// shop's `search` events (query + first page's result count) and `click` events on the search results slot
// (which carry the query they answered). Everything is aggregated in the analytics engine.

/** The slot the shop's search result grid reports impressions and clicks under. */
const RESULTS_SLOT = 'search.results';

export type SearchInsightView = 'top' | 'zero' | 'low_ctr';

interface SearchQueryRow {
  /** The query lower-cased: spellings that differ only in case count together. */
  query: string;
  /** One spelling as typed (queries are grouped case-insensitively). */
  example: string;
  searches: number;
  /** People (signed-in pseudonym or device) who searched it. */
  people: number;
  zeroResults: number;
  zeroRate: number | null;
  /** Search sessions that found something, and of those, sessions that clicked a result. */
  sessionsWithResults: number;
  clickedSessions: number;
  clicks: number;
  /** clickedSessions ÷ sessionsWithResults. */
  ctr: number | null;
  lastSeen: string;
}

export interface SearchInsightsPage {
  items: SearchQueryRow[];
  nextCursor: string | null;
}

export interface SearchSummary {
  searches: number;
  zeroResults: number;
  zeroRate: number | null;
  distinctQueries: number;
  ctr: number | null;
}

const period = (range: { from: Date; to: Date }): QueryParams => ({ from: range.from, to: range.to });

/**
 * One row per query over the period. A session is the shop's session id (a signed-out shopper without one counts
 * as their device): searching the same words twice in one visit is one search session, and it counts as clicked
 * when any result of that query was clicked in the visit.
 */
const PER_QUERY = `
  WITH s AS (
    SELECT lower(query) AS q, max(query) AS example, count(*) AS searches, count(DISTINCT actor) AS people,
           count(CASE WHEN results = 0 THEN 1 END) AS zero,
           count(DISTINCT CASE WHEN results > 0 THEN coalesce(session_id, actor) END) AS sessions,
           max(ts) AS last_seen
      FROM events
     WHERE type = 'search' AND ts >= $from AND ts < $to AND query IS NOT NULL AND query <> ''
     GROUP BY lower(query)),
  c AS (
    SELECT lower(query) AS q, count(*) AS clicks, count(DISTINCT coalesce(session_id, actor)) AS clicked
      FROM events
     WHERE type = 'click' AND slot = '${RESULTS_SLOT}' AND ts >= $from AND ts < $to AND query IS NOT NULL
     GROUP BY lower(query))
  SELECT s.q AS q, s.example AS example, s.searches AS searches, s.people AS people, s.zero AS zero,
         s.sessions AS sessions, coalesce(c.clicks, 0) AS clicks, coalesce(c.clicked, 0) AS clicked,
         s.last_seen AS last_seen
    FROM s LEFT JOIN c ON c.q = s.q`;

/**
 * Which queries each view lists, in what order. Low CTR: queries that found products in at least `minSessions`
 * sessions, lowest click-through first (a query searched once says nothing about its results).
 */
function viewSql(view: SearchInsightView, minSessions: number): { where: string; order: string } {
  if (view === 'zero') return { where: 'zero > 0', order: 'zero DESC, last_seen DESC, q' };
  if (view === 'low_ctr')
    return {
      where: `sessions >= ${minSessions}`,
      order: 'CAST(least(clicked, sessions) AS DOUBLE) / sessions ASC, sessions DESC, q',
    };
  return { where: 'searches > 0', order: 'searches DESC, q' };
}

/** A page of one view; the cursor is the offset of the next page (the ranking is recomputed per page). */
export async function searchQueriesReport(
  deps: Deps,
  range: { from: Date; to: Date },
  opts: { view: SearchInsightView; limit: number; offset: number; minSessions: number },
): Promise<SearchInsightsPage> {
  const { where, order } = viewSql(opts.view, opts.minSessions);
  const rows = await queryEvents(
    deps,
    `SELECT * FROM (${PER_QUERY}) r WHERE ${where} ORDER BY ${order} LIMIT ${opts.limit + 1} OFFSET ${opts.offset}`,
    period(range),
  );
  const items = rows.slice(0, opts.limit).map((r): SearchQueryRow => {
    const searches = Number(r.searches);
    const zero = Number(r.zero);
    const sessions = Number(r.sessions);
    const clicked = Math.min(Number(r.clicked), sessions);
    return {
      query: String(r.q),
      example: String(r.example),
      searches,
      people: Number(r.people),
      zeroResults: zero,
      zeroRate: ratio(zero, searches),
      sessionsWithResults: sessions,
      clickedSessions: clicked,
      clicks: Number(r.clicks),
      ctr: ratio(clicked, sessions),
      lastSeen: new Date(r.last_seen as string | Date).toISOString(),
    };
  });
  return { items, nextCursor: rows.length > opts.limit ? String(opts.offset + opts.limit) : null };
}

/** The period's totals: searches, how many found nothing, distinct queries, overall click-through. */
export async function searchSummary(deps: Deps, range: { from: Date; to: Date }): Promise<SearchSummary> {
  const [r] = await queryEvents(
    deps,
    `SELECT count(*) AS n, coalesce(sum(zero), 0) AS zero_results,
            coalesce(sum(sessions), 0) AS sessions, coalesce(sum(least(clicked, sessions)), 0) AS clicked,
            coalesce(sum(searches), 0) AS total
       FROM (${PER_QUERY}) r`,
    period(range),
  );
  const searches = Number(r?.total ?? 0);
  const zero = Number(r?.zero_results ?? 0);
  return {
    searches,
    zeroResults: zero,
    zeroRate: ratio(zero, searches),
    distinctQueries: Number(r?.n ?? 0),
    ctr: ratio(Number(r?.clicked ?? 0), Number(r?.sessions ?? 0)),
  };
}
