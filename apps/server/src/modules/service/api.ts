// The service module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  type AssistantCard,
  type AssistantReply,
  type AssistantTurn,
  askAssistant,
  type HandoverReason,
  provideAssistant,
} from './assistant-port.ts';
