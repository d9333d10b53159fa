/** The review rules that do not need the database; routes and the service share them. */

export const MAX_CONTENT_CHARS = 500;
const MIN_CONTENT_CHARS = 5;
export const MAX_IMAGES = 9;
export const FOLLOW_UP_DAYS = 180;
/** Stars at or above this count as 好评, at or below BAD_MAX as 差评; 3 is 中评. */
export const GOOD_MIN = 4;
export const BAD_MAX = 2;

export interface AspectRatings {
  quality: number;
  logistics: number;
  service: number;
}

/** Overall stars are derived, never entered: the mean of the three aspects rounded half up. */
export const overallRating = (r: AspectRatings): number => Math.floor((r.quality + r.logistics + r.service) / 3 + 0.5);

/** Characters as people count them (an emoji or a CJK character is one). */
const charCount = (s: string): number => [...s].length;

export type ContentProblem = 'too-long' | 'too-short' | undefined;

/** The first review may be stars only (empty text); any text written must say something (≥ 5 characters). */
export function contentProblem(content: string, required: boolean): ContentProblem {
  const n = charCount(content);
  if (n > MAX_CONTENT_CHARS) return 'too-long';
  if ((required || n > 0) && n < MIN_CONTENT_CHARS) return 'too-short';
  return undefined;
}

export const contentProblemText: Record<Exclude<ContentProblem, undefined>, string> = {
  'too-long': `评价内容最多 ${MAX_CONTENT_CHARS} 个字`,
  'too-short': `评价内容至少 ${MIN_CONTENT_CHARS} 个字`,
};

/** 匿名评价: the first and last character survive, e.g. 小***猫; one-character names become *. */
export function maskNickname(nickname: string): string {
  const chars = [...nickname];
  if (chars.length <= 1) return '*';
  return `${chars[0]}***${chars[chars.length - 1]}`;
}

export type RatingFilter = 'all' | 'with_images' | 'good' | 'bad';
