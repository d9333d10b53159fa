// The content module's surface for other modules.
export { contentPersonalData } from './personal-data.ts';
