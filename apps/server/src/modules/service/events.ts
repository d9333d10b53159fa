import type { Deps } from '../../deps.ts';
import { closeIdleAssistantConversations, sweepSlaBreaches } from './sla.ts';

// service publishes service.conversation_opened, service.handed_over, service.first_response, service.sla_breached,
// service.conversation_closed and service.rated; analytics turns them into behaviour events (docs/SERVICE.md).
// The assistant port (assistant-port.ts) is provided by the assistant module's events.ts.

export function wireService(deps: Deps): void {
  deps.jobs.registerSweep('service.sla-breaches', (now) => sweepSlaBreaches(deps, now));
  deps.jobs.registerSweep('service.assistant-idle', (now) => closeIdleAssistantConversations(deps, now));
}
