import type { Ctx } from '../../platform/context.ts';
import { PortNotWiredError } from '../../platform/port.ts';
import { type AssistantReply, type AssistantTurn, askAssistant } from './assistant-port.ts';

/**
 * The one place the conversation asks the assistant. When the assistant is switched off (SERVICE_ASSISTANT=off) or
 * nothing provides it in this build, the answer is a hand-over to a person with the reason 'unsupported': the
 * consumer is queued for an agent at once instead of waiting on a machine that is not there.
 */
export async function assistantReply(
  ctx: Ctx,
  turn: AssistantTurn,
): Promise<AssistantReply | { handover: 'unsupported' }> {
  if (ctx.deps.config.SERVICE_ASSISTANT === 'off') return { handover: 'unsupported' };
  try {
    return await askAssistant(ctx, turn);
  } catch (err) {
    if (err instanceof PortNotWiredError) return { handover: 'unsupported' };
    throw err;
  }
}
