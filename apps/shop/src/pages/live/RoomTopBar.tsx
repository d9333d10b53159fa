import { CloseOutline, EyeOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { LiveDetail } from '../../api/live.ts';
import { useT } from '../../i18n/index.tsx';
import { compactCount } from './format.ts';

export function HostAvatar({ room, size = 34 }: { room: Pick<LiveDetail, 'host' | 'merchant'>; size?: number }) {
  const src = room.host.avatarUrl ?? room.merchant.logoUrl;
  return src ? (
    <img className="live-avatar" src={src} alt="" style={{ width: size, height: size }} />
  ) : (
    <span className="live-avatar" aria-hidden style={{ width: size, height: size }}>
      {room.host.nickname.slice(0, 1)}
    </span>
  );
}

/** 实名认证 / 保证金 / 假一赔十: only what the server says is true today. */
export function HostBadges({ badges }: { badges: LiveDetail['badges'] }) {
  const t = useT();
  return (
    <span className="live-badges">
      {badges.realName && <span className="live-badge">{t('实名认证')}</span>}
      {badges.deposit && <span className="live-badge">{t('保证金')}</span>}
      {badges.guarantee && <span className="live-badge gold">{t('假一赔十')}</span>}
    </span>
  );
}

/**
 * Host, badges and the viewer count over the video, with a close button back to the list. A demo room's simulated
 * viewers are added to the real count only with the 演示观众 label beside it.
 */
export function RoomTopBar({
  room,
  viewers,
  action,
}: {
  room: LiveDetail;
  viewers: number | null;
  action?: ReactNode;
}) {
  const t = useT();
  const navigate = useNavigate();
  const leave = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx;
    if (idx) void navigate(-1);
    else void navigate('/live');
  };
  return (
    <header className="live-topbar">
      <div className="live-host">
        <HostAvatar room={room} />
        <div className="live-host-text">
          <h1 className="live-host-name ellipsis">{room.host.nickname}</h1>
          <span className="live-host-sub ellipsis">{room.merchant.name}</span>
        </div>
        {action}
      </div>
      {viewers !== null && room.demoViewerCount === 0 && (
        <span className="live-viewers" data-testid="live-viewer-count" aria-label={t('{n} 人在看', { n: viewers })}>
          <EyeOutline aria-hidden /> {compactCount(viewers)}
        </span>
      )}
      {viewers !== null && room.demoViewerCount > 0 && (
        <span
          className="live-viewers"
          data-testid="live-viewer-count"
          aria-label={t('{n} 人在看，其中演示观众 {d}', { n: viewers + room.demoViewerCount, d: room.demoViewerCount })}
        >
          <EyeOutline aria-hidden /> {compactCount(viewers + room.demoViewerCount)}
          <span className="live-demo-tag" aria-hidden>
            {t('含演示')}
          </span>
        </span>
      )}
      <button type="button" className="live-close" aria-label={t('离开直播间')} onClick={leave}>
        <CloseOutline aria-hidden />
      </button>
      <div className="live-topbar-badges">
        <HostBadges badges={room.badges} />
      </div>
    </header>
  );
}
