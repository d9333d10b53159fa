import { Button, Toast } from 'antd-mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { type OpenServiceInput, openServiceConversation } from '../api/service.ts';
import { useMe } from '../api/session.ts';
import { useT } from '../i18n/index.tsx';

/** Opens the conversation about a subject and goes to it (to sign-in first when signed out). */
export function useOpenService() {
  const me = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const open = async (subject: OpenServiceInput) => {
    if (!me.data) return void navigate(`/login?redirect=${encodeURIComponent(location.pathname)}`);
    setBusy(true);
    try {
      const opened = await openServiceConversation(subject);
      void navigate(`/service/${opened.conversation.id}`);
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    } finally {
      setBusy(false);
    }
  };
  return { open, busy };
}

/** 联系客服: the conversation about this page's product, order, after-sale or live room. */
export function ContactService({
  subject,
  size = 'small',
  icon = false,
}: {
  subject: OpenServiceInput;
  size?: 'mini' | 'small' | 'middle';
  /** The action bar's icon-over-word style (product page). */
  icon?: boolean;
}) {
  const t = useT();
  const { open, busy } = useOpenService();
  if (icon)
    return (
      <button
        type="button"
        className="action-icon action-icon-button"
        disabled={busy}
        onClick={() => void open(subject)}
        data-testid="contact-service"
      >
        <MessageOutline aria-hidden />
        <span>{t('客服')}</span>
      </button>
    );
  return (
    <Button shape="rounded" size={size} loading={busy} onClick={() => void open(subject)} data-testid="contact-service">
      <MessageOutline /> {t('联系客服')}
    </Button>
  );
}
