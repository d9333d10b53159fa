/**
 * The discovery feed's ranking, behind one interface: the AI recommender of a later issue implements
 * `DiscoveryRanker` and replaces `recencyEngagementRanker` without touching the feed or the screens.
 */
interface RankCandidate {
  id: string;
  createdAt: Date;
  likeCount: number;
  commentCount: number;
  favouriteCount: number;
  shareCount: number;
  categoryIds: string[];
}

interface RankContext {
  now: Date;
  /** The viewer's interest per top-level category (0–1), from the posts they liked and favourited. */
  interests: Map<string, number>;
}

export interface DiscoveryRanker {
  /** Candidate ids, best first. Must be deterministic for the same input so pages do not shuffle. */
  rank(candidates: RankCandidate[], ctx: RankContext): string[];
}

const HALF_LIFE_HOURS = 48;

/** score = freshness × (1 + log(1 + engagement)) × (1 + interest): new, liked-by-others and in-your-categories rise. */
export const recencyEngagementRanker: DiscoveryRanker = {
  rank(candidates, { now, interests }) {
    const scored = candidates.map((c) => {
      const ageHours = Math.max(0, (now.getTime() - c.createdAt.getTime()) / 3_600_000);
      const freshness = Math.pow(0.5, ageHours / HALF_LIFE_HOURS);
      const engagement = c.likeCount + 2 * c.commentCount + 2 * c.favouriteCount + 3 * c.shareCount;
      const interest = Math.max(0, ...c.categoryIds.map((id) => interests.get(id) ?? 0));
      return { id: c.id, score: freshness * (1 + Math.log1p(engagement)) * (1 + interest) };
    });
    return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1)).map((s) => s.id);
  },
};
