// The experiments module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

/** The proportion test and power analysis, for hold-out uplift reports (lifecycle) and anything else that compares rates. */
export { sampleSizePerGroup, twoProportionTest } from './stats.ts';
