import type { UseQueryResult } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, must } from '../api/client.ts';
import { useLiveSession } from '../api/live.ts';
import { usePost } from '../api/posts.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { TrustCaseForm } from '../components/TrustCaseForm.tsx';
import { useT } from '../i18n/index.tsx';
import { subjectName } from '../lib/complaint-subject.ts';
import type { ComplaintInput } from '../api/trust.ts';
import { COMPLAINT_OPTIONS } from './TrustCaseNewPage.tsx';
import './AfterSale.css';

/** 投诉 about a live room (from its 更多 menu) or a post (from its menu): the form names what it is about. */
export default function SubjectComplaintPage({ subject }: { subject: 'live-session' | 'post' }) {
  const { id = '' } = useParams();
  return subject === 'live-session' ? <RoomComplaint id={id} /> : <PostComplaint id={id} />;
}

const RoomComplaint = ({ id }: { id: string }) => <SubjectForm subject="live-session" id={id} q={useLiveSession(id)} />;
const PostComplaint = ({ id }: { id: string }) => <SubjectForm subject="post" id={id} q={usePost(id)} />;

function SubjectForm({
  subject,
  id,
  q,
}: {
  subject: 'live-session' | 'post';
  id: string;
  q: UseQueryResult<{ title: string }>;
}) {
  const t = useT();
  const header = <PageHeader title={t('投诉')} />;
  if (q.isPending)
    return (
      <div className="page">
        {header}
        <ListSkeleton rows={2} />
      </div>
    );
  if (q.isError)
    return (
      <div className="page">
        {header}
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      </div>
    );
  const name = subjectName(t, { subjectType: subject, subjectTitle: q.data.title });
  const key = subject === 'live-session' ? 'liveSessionId' : 'postId';
  return (
    <div className="page with-action-bar">
      {header}
      <TrustCaseForm
        kind="complaint"
        options={COMPLAINT_OPTIONS}
        intro={
          <>
            <p className="section-title" data-testid="complaint-subject">
              {t('投诉对象')}：{name}
            </p>
            <p className="muted">{t('平台客服将在 2 小时内首次回复；投诉结果计入商家信用分。')}</p>
          </>
        }
        submit={async ({ choice, description, images }) => {
          const body = { [key]: id, category: choice as ComplaintInput['category'], description, images };
          const filed = await must(api.POST('/api/v1/complaints', { body: body as ComplaintInput }));
          return `/complaints/${filed.id}`;
        }}
      />
    </div>
  );
}
