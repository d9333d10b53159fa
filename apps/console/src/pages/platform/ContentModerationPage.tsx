import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Image, Popconfirm, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, must, type GetOk } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

type QueueItem = GetOk<'/api/v1/admin/moderation/items'>['items'][number];
type Report = GetOk<'/api/v1/admin/reports'>['items'][number];
type View = 'pending' | 'reports' | 'decided';

const SUBJECTS: Record<string, string> = { post: '笔记', comment: '评论', community_message: '社群消息', user: '用户' };
const REASONS: Record<string, string> = {
  spam: '垃圾广告',
  fraud: '欺诈',
  vulgar: '低俗内容',
  illegal: '违法违规',
  infringement: '侵权',
  'false-ad': '虚假宣传',
  other: '其他',
};

/** 内容审核: the items moderation flagged, the reports (举报) users filed, and what was decided. */
export default function ContentModerationPage() {
  const t = useT();
  const [view, setView] = useState<View>('pending');
  return (
    <>
      <PageHeader
        title={t('内容审核')}
        subtitle={t('命中审核词或外链的内容在这里等待人工审核；用户举报在「举报」中处理。')}
      />
      <Segmented<View>
        value={view}
        onChange={setView}
        options={[
          { label: t('待审核'), value: 'pending' },
          { label: t('举报'), value: 'reports' },
          { label: t('已处理'), value: 'decided' },
        ]}
        style={{ marginBottom: 16 }}
      />
      {view === 'reports' ? <ReportTable /> : <QueueTable status={view === 'pending' ? 'pending' : 'rejected'} />}
    </>
  );
}

function QueueTable({ status }: { status: 'pending' | 'rejected' }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useCursorList<QueueItem>(['platform', 'moderation', status], (cursor) =>
    must(
      api.GET('/api/v1/admin/moderation/items', {
        params: { query: { status, limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject' }) =>
      must(
        api.POST('/api/v1/admin/moderation/items/{id}/decision', {
          params: { path: { id: v.id } },
          body: { decision: v.decision },
        }),
      ),
    onSuccess: (item) => {
      notify.success(item.status === 'approved' ? t('已通过，内容已公开') : t('已驳回，内容不会展示'));
      void qc.invalidateQueries({ queryKey: ['platform', 'moderation'] });
    },
    onError: notify.error,
  });
  const columns: TableColumnsType<QueueItem> = [
    { title: t('类型'), dataIndex: 'subjectType', width: 90, render: (s: string) => t((SUBJECTS[s] ?? s) as never) },
    {
      title: t('内容'),
      dataIndex: 'text',
      render: (text: string, r) => (
        <Space direction="vertical" size={4}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>
            {text}
          </Typography.Paragraph>
          {r.imageUrls.length > 0 && (
            <Image.PreviewGroup>
              <Space>
                {r.imageUrls.slice(0, 4).map((u) => (
                  <Image key={u} src={u} width={48} height={48} style={{ objectFit: 'cover' }} alt="" />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
        </Space>
      ),
    },
    {
      title: t('原因'),
      dataIndex: 'reasonText',
      width: 220,
      render: (text: string, r) => (
        <Space direction="vertical" size={2}>
          <span>{text}</span>
          {r.matchedWords.map((w) => (
            <Tag key={w} color="orange">
              {w}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('提交时间'), dataIndex: 'createdAt', width: 150, render: dateTime },
    {
      title: t('操作'),
      key: 'actions',
      width: 160,
      render: (_, r) =>
        r.status === 'pending' ? (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={decide.isPending}
              onClick={() => decide.mutate({ id: r.id, decision: 'approve' })}
              data-testid="moderation-approve"
            >
              {t('通过')}
            </Button>
            <Button
              size="small"
              danger
              loading={decide.isPending}
              onClick={() => decide.mutate({ id: r.id, decision: 'reject' })}
            >
              {t('驳回')}
            </Button>
          </Space>
        ) : (
          <Tag color="red">{r.verdict === 'rejected' ? t('规则拒绝') : t('人工驳回')}</Tag>
        ),
    },
  ];
  return (
    <CursorTable
      list={list}
      rowKey="id"
      columns={columns}
      caption={t('内容审核')}
      empty={status === 'pending' ? t('没有待审核的内容') : t('没有已驳回的内容')}
    />
  );
}

function ReportTable() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useCursorList<Report>(['platform', 'reports'], (cursor) =>
    must(
      api.GET('/api/v1/admin/reports', {
        params: { query: { status: 'open', limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const resolve = useMutation({
    mutationFn: (v: { id: string; action: 'remove' | 'dismiss' }) =>
      must(
        api.POST('/api/v1/admin/reports/{id}/resolve', { params: { path: { id: v.id } }, body: { action: v.action } }),
      ),
    onSuccess: (r) => {
      notify.success(
        r.status === 'removed'
          ? t('已下架内容，关闭 {n} 条举报', { n: r.resolved })
          : t('已驳回 {n} 条举报', { n: r.resolved }),
      );
      void qc.invalidateQueries({ queryKey: ['platform', 'reports'] });
    },
    onError: notify.error,
  });
  const columns: TableColumnsType<Report> = [
    { title: t('类型'), dataIndex: 'subjectType', width: 90, render: (s: string) => t((SUBJECTS[s] ?? s) as never) },
    {
      title: t('被举报内容'),
      dataIndex: 'subjectId',
      render: (id: string, r) =>
        r.subjectType === 'post' ? (
          <a href={`/posts/${id}`} target="_blank" rel="noreferrer">
            {id}
          </a>
        ) : (
          id
        ),
    },
    { title: t('举报原因'), dataIndex: 'reason', width: 120, render: (s: string) => t((REASONS[s] ?? s) as never) },
    { title: t('补充说明'), dataIndex: 'detail', render: (s: string) => s || '—' },
    { title: t('举报时间'), dataIndex: 'createdAt', width: 150, render: dateTime },
    {
      title: t('操作'),
      key: 'actions',
      width: 180,
      render: (_, r) => (
        <Space>
          <Popconfirm title={t('下架该内容？')} onConfirm={() => resolve.mutate({ id: r.id, action: 'remove' })}>
            <Button size="small" danger>
              {t('下架')}
            </Button>
          </Popconfirm>
          <Button size="small" onClick={() => resolve.mutate({ id: r.id, action: 'dismiss' })}>
            {t('驳回举报')}
          </Button>
        </Space>
      ),
    },
  ];
  return <CursorTable list={list} rowKey="id" columns={columns} caption={t('举报')} empty={t('没有待处理的举报')} />;
}
