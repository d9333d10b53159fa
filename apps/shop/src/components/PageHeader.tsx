import { LeftOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.tsx';

/** The title bar of an inner page: back (to where the shopper came from, or home), title, an optional action. */
export function PageHeader({ title, right, backTo }: { title: ReactNode; right?: ReactNode; backTo?: string }) {
  const navigate = useNavigate();
  const t = useT();
  const back = () => {
    if (backTo) void navigate(backTo);
    else if (window.history.state && (window.history.state as { idx?: number }).idx) void navigate(-1);
    else void navigate('/');
  };
  return (
    <header className="page-header">
      <button type="button" className="icon-button" aria-label={t('返回')} onClick={back}>
        <LeftOutline aria-hidden />
      </button>
      <h1>{title}</h1>
      <div className="header-right">{right}</div>
    </header>
  );
}
