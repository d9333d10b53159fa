// The family module's surface for other modules.
export { familyPersonalData } from './personal-data.ts';
