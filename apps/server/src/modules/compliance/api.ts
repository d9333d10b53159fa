// The compliance module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { type AdCopyCheck, checkAdCopy } from './service.ts';
export { currentLexicon } from './lexicon.ts';
export { BUILT_IN_LEXICON, type Lexicon, scanAdText } from './scanner.ts';
