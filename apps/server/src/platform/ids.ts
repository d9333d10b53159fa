import { typeid } from 'typeid-js';

/** Prefixed, time-ordered, URL-safe ids in the TypeID format: `ord_01j…`. */
export const newId = (prefix: string): string => typeid(prefix).toString();
