// The service module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { servicePersonalData } from './personal-data.ts';
export {
  type AssistantCard,
  type AssistantReply,
  type AssistantTurn,
  askAssistant,
  type HandoverReason,
  provideAssistant,
} from './assistant-port.ts';
