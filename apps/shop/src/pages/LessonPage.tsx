import { Button, ErrorBlock } from 'antd-mobile';
import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { isApiStatus, problemTitle } from '../api/client.ts';
import { useLesson, useSaveProgress } from '../api/content.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Content.css';

const SAVE_EVERY_SEC = 15;

/** The lesson player: video, audio or article, resuming where the learner left off and saving progress as they go. */
export default function LessonPage() {
  const t = useT();
  const { id = '' } = useParams();
  const me = useMe();
  const lesson = useLesson(id);
  const save = useSaveProgress(id);
  const lastSaved = useRef(0);

  if (lesson.isPending) return <ListSkeleton rows={3} />;
  if (lesson.isError) {
    if (isApiStatus(lesson.error, 403))
      return (
        <div className="page">
          <PageHeader title={t('课时')} />
          <ErrorBlock
            status="default"
            title={problemTitle(lesson.error)}
            description={t('购买或订阅后即可学习全部课时')}
          >
            <Link to="/courses">
              <Button color="primary">{t('查看课程')}</Button>
            </Link>
          </ErrorBlock>
        </div>
      );
    return <QueryError error={lesson.error} onRetry={() => void lesson.refetch()} />;
  }
  const l = lesson.data;
  const signedIn = !!me.data;
  const record = (positionSec: number, completed: boolean) => {
    if (!signedIn) return;
    lastSaved.current = positionSec;
    save.mutate({ positionSec: Math.floor(positionSec), completed });
  };
  const onTime = (e: React.SyntheticEvent<HTMLMediaElement>) => {
    const at = e.currentTarget.currentTime;
    if (Math.abs(at - lastSaved.current) >= SAVE_EVERY_SEC) record(at, false);
  };
  const resume = (e: React.SyntheticEvent<HTMLMediaElement>) => {
    if (l.progress && !l.progress.completed) e.currentTarget.currentTime = l.progress.positionSec;
  };
  const done = l.progress?.completed ?? false;
  return (
    <div className="page">
      <PageHeader title={l.courseTitle} backTo={`/courses/${l.courseId}`} />
      <section className="card lesson-player" data-testid="lesson-player">
        <h2 style={{ fontSize: 16 }}>{l.title}</h2>
        {l.media === 'video' && l.mediaUrl ? (
          <video
            src={l.mediaUrl}
            controls
            playsInline
            onLoadedMetadata={resume}
            onTimeUpdate={onTime}
            onEnded={(e) => record(e.currentTarget.currentTime, true)}
          />
        ) : null}
        {l.media === 'audio' && l.mediaUrl ? (
          <audio
            src={l.mediaUrl}
            controls
            onLoadedMetadata={resume}
            onTimeUpdate={onTime}
            onEnded={(e) => record(e.currentTarget.currentTime, true)}
          />
        ) : null}
        {l.body ? <div className="lesson-article">{l.body}</div> : null}
        <div className="muted" style={{ marginTop: 10 }} data-testid="lesson-progress">
          {!signedIn
            ? t('登录后可记录学习进度')
            : done
              ? t('已学完')
              : l.progress
                ? t('上次学到 {min} 分 {sec} 秒', {
                    min: Math.floor(l.progress.positionSec / 60),
                    sec: l.progress.positionSec % 60,
                  })
                : t('尚未开始')}
        </div>
      </section>
      {signedIn && !done ? (
        <div style={{ margin: 12 }}>
          <Button
            block
            color="primary"
            loading={save.isPending}
            onClick={() => record(l.durationSec, true)}
            data-testid="lesson-done"
          >
            {t('标记为已学完')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
