import type { Db } from '../../platform/db.ts';
import { definePort } from '../../platform/port.ts';

// Who earns credit for a touch is known by modules that build on attribution: posts knows a post's author,
// distribution knows who is a promoter and their link code. Attribution defines what it asks; they provide the
// answers when wired (posts/events.ts, distribution/events.ts), so attribution never imports them.

/** The authors of the given live (not deleted) posts; a post that does not exist is missing from the map. */
export type PostAuthorsLookup = (db: Db, postIds: string[]) => Promise<Map<string, string>>;

/**
 * The first candidate who is a promoter, and their link code for the product (made on the spot when the product
 * pays commission); undefined when none qualifies.
 */
export type PromoterCodeLookup = (
  db: Db,
  candidates: string[],
  productId: string,
  at: Date,
) => Promise<string | undefined>;

const postAuthorsPort = definePort<PostAuthorsLookup>('post authors', 'posts/events.ts');
const promoterCodePort = definePort<PromoterCodeLookup>('promoter codes', 'distribution/events.ts');

export const providePostAuthors = postAuthorsPort.provide;
export const providePromoterCodes = promoterCodePort.provide;
export const postAuthors: PostAuthorsLookup = (db, postIds) => postAuthorsPort.use()(db, postIds);
export const promoterCodeFor: PromoterCodeLookup = (db, candidates, productId, at) =>
  promoterCodePort.use()(db, candidates, productId, at);
