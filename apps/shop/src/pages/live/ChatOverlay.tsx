import { useEffect, useRef } from 'react';
import type { LiveChatMessage } from '../../api/live.ts';
import { useT } from '../../i18n/index.tsx';

const BADGE_CLASS = { 主播: 'host', 场控: 'controller', 客服: 'service' } as const;

/** Danmaku at the bottom left over the video, newest at the bottom; it follows new lines unless scrolled up. */
export function ChatOverlay({ messages, myId }: { messages: LiveChatMessage[]; myId: string | undefined }) {
  const t = useT();
  const list = useRef<HTMLOListElement>(null);
  const pinnedToBottom = useRef(true);
  const newest = messages[messages.length - 1]?.id;

  useEffect(() => {
    const el = list.current;
    if (el && pinnedToBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest]);

  return (
    <ol
      ref={list}
      className="live-chat"
      aria-label={t('直播间消息')}
      aria-live="polite"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinnedToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      <li className="live-chat-line notice">{t('欢迎来到直播间！请文明发言，理性购物，谨防诈骗。')}</li>
      {messages.map((m) => (
        <li key={m.id} className={`live-chat-line${m.userId === myId ? ' mine' : ''}`} data-testid="live-chat-message">
          {m.replyTo && (
            <span className="live-chat-quote">
              {t('回复 {name}：{text}', { name: m.replyTo.nickname, text: m.replyTo.text })}
            </span>
          )}
          {m.badge && <span className={`live-chat-badge ${BADGE_CLASS[m.badge]}`}>{t(m.badge)}</span>}
          <span className="live-chat-name">{m.nickname}：</span>
          <span className="live-chat-text">{m.text}</span>
        </li>
      ))}
    </ol>
  );
}
