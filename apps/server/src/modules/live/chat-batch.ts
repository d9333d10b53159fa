import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { KeyedGroupCommitter } from '../../platform/batcher.ts';
import { bulkInsert } from '../../platform/bulk.ts';
import { moderateNew } from '../moderation/api.ts';
import type { ChatBadge, LiveChatMessage } from './channel.ts';
import { enterLotteryFromChat } from './lottery.ts';
import { chatProfiles } from './room-cache.ts';
import { liveChatMessages, liveLotteries, liveSessions } from './schema.ts';

/** A message that passed the checks before storing (length, role, mute, rate limit), waiting for its batch. */
export interface ChatDraft {
  id: string;
  userId: string;
  kind: 'viewer' | 'staff' | 'answer';
  text: string;
  badge: ChatBadge | undefined;
  replyTo: LiveChatMessage['replyTo'];
  at: Date;
}

export type ChatOutcome =
  | { ok: true; message: LiveChatMessage; pending: boolean; enteredLottery: string | undefined }
  | { ok: false; type: 'not-live' }
  | { ok: false; type: 'message-rejected'; reasons: string[] }
  /** The message's own transaction failed (after its batch failed): the sender gets a server error. */
  | { ok: false; type: 'failed'; error: unknown };

/**
 * Group commit of a room's chat (docs/LIVE.md "Scale"): the messages that arrive while one batch commits go
 * together in the next — one transaction, one status read, one insert, one profile lookup for the lot — and
 * each sender is answered only after the transaction holding its message has committed. Each message is still
 * moderated on its own, and enters the open lottery on its own.
 */
export async function commitChatBatch(deps: Deps, sessionId: string, drafts: ChatDraft[]): Promise<ChatOutcome[]> {
  const outcomes = await deps.database.db.transaction(async (tx): Promise<ChatOutcome[]> => {
    // The authoritative status (callers checked a cached row): nothing is stored in a room that has ended.
    const [session] = await tx
      .select({ status: liveSessions.status })
      .from(liveSessions)
      .where(eq(liveSessions.id, sessionId));
    if (session?.status !== 'live') return drafts.map(() => ({ ok: false, type: 'not-live' }));
    const verdicts = await moderateNew(
      tx,
      drafts.map((d) => ({ subjectType: 'live_message', subjectId: d.id, authorId: d.userId, text: d.text, at: d.at })),
    );
    const stored = drafts.flatMap((d, i) =>
      verdicts[i]!.verdict === 'rejected' ? [] : [{ d, verdict: verdicts[i]!.verdict, text: verdicts[i]!.text }],
    );
    await bulkInsert(
      tx,
      liveChatMessages,
      stored.map(({ d, verdict, text }) => ({
        id: d.id,
        sessionId,
        userId: d.userId,
        kind: d.kind,
        text,
        replyToId: d.replyTo?.id ?? null,
        verdict,
        createdAt: d.at,
      })),
    );
    // One look for an open lottery per batch; only then does each viewer's approved message try to enter it.
    const [lottery] = await tx
      .select({ id: liveLotteries.id })
      .from(liveLotteries)
      .where(and(eq(liveLotteries.sessionId, sessionId), eq(liveLotteries.status, 'open')));
    const entered = new Map<string, string | undefined>();
    if (lottery) {
      for (const { d, verdict, text } of stored) {
        if (d.kind === 'viewer' && verdict === 'approved')
          entered.set(d.id, await enterLotteryFromChat(tx, sessionId, d.userId, d.id, text, d.at));
      }
    }
    const profiles = await chatProfiles(
      deps,
      stored.map(({ d }) => d.userId),
      tx,
    );
    const byId = new Map(stored.map((s) => [s.d.id, s]));
    return drafts.map((d, i): ChatOutcome => {
      const s = byId.get(d.id);
      if (!s) return { ok: false, type: 'message-rejected', reasons: verdicts[i]!.reasons };
      const profile = profiles.get(d.userId);
      const message: LiveChatMessage = {
        id: d.id,
        userId: d.userId,
        nickname: profile?.nickname ?? '好物用户',
        avatarUrl: profile?.avatarUrl ?? null,
        text: s.text,
        ...(d.badge ? { badge: d.badge } : {}),
        ...(d.replyTo ? { replyTo: d.replyTo } : {}),
        at: d.at.toISOString(),
      };
      return { ok: true, message, pending: s.verdict === 'flagged', enteredLottery: entered.get(d.id) };
    });
  });
  deps.events.kick();
  return outcomes;
}

/**
 * One committer per room and process. A failed batch is retried message by message, so one message that cannot be
 * stored does not fail the others that happened to share its transaction.
 */
const committers = new WeakMap<Deps, KeyedGroupCommitter<ChatDraft, ChatOutcome>>();
export function chatCommitter(deps: Deps): KeyedGroupCommitter<ChatDraft, ChatOutcome> {
  let c = committers.get(deps);
  if (!c) {
    c = new KeyedGroupCommitter<ChatDraft, ChatOutcome>(
      async (sessionId, drafts) => {
        try {
          return await commitChatBatch(deps, sessionId, drafts);
        } catch (err) {
          if (drafts.length === 1) throw err;
          const alone: ChatOutcome[] = [];
          for (const d of drafts)
            alone.push(
              await commitChatBatch(deps, sessionId, [d]).then(
                (o) => o[0]!,
                (error: unknown) => ({ ok: false, type: 'failed', error }) as const,
              ),
            );
          return alone;
        }
      },
      { maxBatch: 200 },
    );
    committers.set(deps, c);
  }
  return c;
}
