import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useLiveSession } from '../../api/live.ts';
import { serverNow } from '../../api/flash.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/index.tsx';
import { useLiveDwell, usePageView } from '../../lib/useTrack.ts';
import { LiveRoom } from './LiveRoom.tsx';
import { Replay } from './Replay.tsx';
import { WarmUp } from './WarmUp.tsx';
import './live.css';
import './room.css';
import './overlays.css';
import './stages.css';

/** /live/:id — the warm-up page, the live room or the replay, by the session's status. */
export default function LiveRoomPage() {
  const { id = '' } = useParams();
  const t = useT();
  const session = useLiveSession(id);
  const data = session.data;
  usePageView('live', { liveId: id }, { ready: Boolean(data), source: { channel: 'live', ref: id } });
  // Time in the room counts while the session is on air (not on the warm-up page or a replay).
  useLiveDwell(id, data?.status === 'live');

  // Past the scheduled start, ask now and then whether the host has gone live, so the page switches by itself.
  const waiting = data?.status === 'scheduled';
  const startsAt = data ? Date.parse(data.scheduledAt) : 0;
  useEffect(() => {
    if (!waiting) return;
    const check = () => void session.refetch();
    const untilStart = Math.max(0, startsAt - serverNow());
    let interval: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      check();
      interval = setInterval(check, 10_000);
    }, untilStart + 1000);
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  }, [waiting, startsAt, session.refetch]);

  if (session.isPending) {
    return (
      <div className="live-room loading" role="status" aria-busy="true" aria-label={t('加载中')}>
        <p className="live-loading">{t('正在进入直播间…')}</p>
      </div>
    );
  }
  if (session.isError || !data) {
    return (
      <div className="page">
        <PageHeader title={t('直播')} backTo="/live" />
        <QueryError error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  }
  // Each status is its own screen; the key remounts the room when the host starts or ends the show.
  if (data.status === 'scheduled') return <WarmUp key="scheduled" room={data} />;
  if (data.status === 'live') return <LiveRoom key="live" initial={data} />;
  if (data.status === 'ended') return <Replay key="ended" room={data} />;
  return (
    <div className="page">
      <PageHeader title={data.title} backTo="/live" />
      <EmptyState title={t('本场直播已取消')} description={t('商家取消了这场直播，去看看其他直播吧')}>
        <Link to="/live" className="text-button">
          {t('去直播频道')}
        </Link>
      </EmptyState>
    </div>
  );
}
