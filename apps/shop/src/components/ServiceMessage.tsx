import { Button } from 'antd-mobile';
import { Link } from 'react-router';
import type { ServiceMessage } from '../api/service.ts';
import { useT } from '../i18n/index.tsx';

const cardLink = (c: NonNullable<ServiceMessage['card']>) =>
  c.kind === 'order' || c.kind === 'logistics'
    ? `/orders/${c.id}`
    : c.kind === 'product'
      ? `/product/${c.id}`
      : c.kind === 'after_sale'
        ? `/after-sales/${c.id}`
        : c.kind === 'live'
          ? `/live/${c.id}`
          : undefined;

/** One message of a service conversation: the consumer's on the right with 已读/未读, everyone else's on the left. */
export function ServiceMessageRow({
  m,
  readByDesk,
  showActions,
  onQuickReply,
  onConfirm,
}: {
  m: ServiceMessage;
  readByDesk: boolean;
  /** Whether this message carries the conversation's live buttons (see latestActionsIndex). */
  showActions: boolean;
  onQuickReply: (text: string) => void;
  onConfirm: (token: string, label: string) => void;
}) {
  const t = useT();
  if (m.sender === 'system') return <div className="svc-system">{m.text}</div>;
  const mine = m.sender === 'consumer';
  const to = m.card ? cardLink(m.card) : undefined;
  return (
    <div className={mine ? 'svc-row mine' : 'svc-row'} data-testid={`service-message-${m.sender}`}>
      {!mine && <div className="svc-name">{t(m.senderName as '智能助手')}</div>}
      {m.card ? (
        <Link to={to ?? '#'} className="svc-card">
          {m.card.imageUrl ? <img src={m.card.imageUrl} alt="" /> : <div className="svc-card-ph" />}
          <div>
            <div className="svc-card-title">{m.card.title}</div>
            {m.card.subtitle && <div className="svc-card-sub">{m.card.subtitle}</div>}
          </div>
        </Link>
      ) : m.kind === 'image' && m.imageUrl ? (
        <img className="svc-image" src={m.imageUrl} alt={t('图片')} />
      ) : (
        <div className="svc-bubble">{m.text}</div>
      )}
      {mine && <div className="svc-read">{readByDesk ? t('已读') : t('未读')}</div>}
      {showActions && (m.quickReplies.length > 0 || m.proposedAction) && (
        <div className="svc-quick">
          {m.proposedAction && (
            <Button
              size="mini"
              color="primary"
              onClick={() => onConfirm(m.proposedAction!.token, m.proposedAction!.label)}
            >
              {m.proposedAction.label}
            </Button>
          )}
          {m.quickReplies.map((q) => (
            <Button key={q} size="mini" onClick={() => onQuickReply(q)}>
              {q}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
