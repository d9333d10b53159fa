import type { Deps } from '../../deps.ts';
import { provideAssistant } from '../service/api.ts';
import { intentClassifier } from './knowledge.ts';
import { answer } from './service.ts';

// Provided: the service module's assistant port (service/assistant-port.ts) — conversations ask, this answers.
// Subscribed: nothing. The classifier is trained here, at wiring, so the first customer does not wait for it.

export function wireAssistant(_deps: Deps): void {
  intentClassifier();
  provideAssistant(answer);
}
