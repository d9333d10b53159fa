// What the authentication module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { authenticationCases } from './schema.ts';

export const authenticationPersonalData = personalData('authentication', [
  {
    table: authenticationCases,
    by: [authenticationCases.decidedBy],
    purpose: '鉴定师出具的鉴定结论（谁对结论负责）',
    classes: { decided_by: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
