// The attribution module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  affiliateLinesOfPosts,
  creatorAttributedLines,
  getLineAttributions,
  orderStatsByPost,
  recordTouch,
} from './service.ts';
export { providePostAuthors, providePromoterCodes } from './credit-ports.ts';
export { attributionPersonalData } from './personal-data.ts';
