// The compliance module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { adLawProblem } from './service.ts';
export { scanAdText } from './scanner.ts';
