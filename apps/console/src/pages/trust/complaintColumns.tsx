import { Space, Typography, type TableColumnsType } from 'antd';
import { dateTime } from '../../components/format.ts';
import type { useT } from '../../i18n/index.tsx';
import { COMPLAINT_CATEGORY } from './cases.ts';

type ComplaintRow = {
  id: string;
  category: keyof typeof COMPLAINT_CATEGORY;
  description: string;
  subjectType: 'order' | 'live-session' | 'post';
  subjectId: string;
  subjectTitle: string | null;
  createdAt: string;
};

/** What a complaint is about: the order's id, or 直播间「标题」/ 笔记「标题」 linking to it in the shop. */
export function ComplaintSubject({
  c,
  t,
}: {
  c: Omit<ComplaintRow, 'category' | 'description' | 'createdAt'> & { id?: string };
  t: ReturnType<typeof useT>;
}) {
  if (c.subjectType === 'order') return <>{c.subjectId}</>;
  const [label, path] =
    c.subjectType === 'live-session'
      ? [t('直播间「{title}」', { title: c.subjectTitle ?? '' }), `/live/${c.subjectId}`]
      : [t('笔记「{title}」', { title: c.subjectTitle ?? '' }), `/posts/${c.subjectId}`];
  return (
    <a href={path} target="_blank" rel="noreferrer" data-testid="complaint-subject">
      {label}
    </a>
  );
}

/** The columns both complaint queues (platform and shop) start with: what, about what (order, live room, post), when filed. */
export function complaintColumns<R extends ComplaintRow>(
  t: ReturnType<typeof useT>,
  open: (id: string) => void,
  opts: { testId: string; descriptionWidth: number },
): TableColumnsType<R> {
  return [
    {
      title: t('投诉'),
      key: 'what',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => open(r.id)} data-testid={opts.testId}>
            {t(COMPLAINT_CATEGORY[r.category])}
          </Typography.Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: opts.descriptionWidth }}>
            {r.description}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('投诉对象'), key: 'subject', width: 220, render: (_, r) => <ComplaintSubject c={r} t={t} /> },
    { title: t('提交时间'), key: 'at', width: 170, render: (_, r) => dateTime(r.createdAt) },
  ];
}
