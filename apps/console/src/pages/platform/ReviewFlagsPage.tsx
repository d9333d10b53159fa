import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Rate, Segmented, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, must, type GetOk } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

type Flag = GetOk<'/api/v1/admin/review-flags'>['items'][number];
type Status = 'pending' | 'cleared' | 'removed';

/** 评价审核: reviews the fake-review screening held, with the signals that fired; clear or remove each. */
export default function ReviewFlagsPage() {
  const t = useT();
  const [status, setStatus] = useState<Status>('pending');
  const counts = useQuery({
    queryKey: ['platform', 'review-flags', 'counts'],
    queryFn: () =>
      must(api.GET('/api/v1/admin/review-flags', { params: { query: { limit: 1 } } })).then((r) => r.counts),
  });
  const n = (s: Status) => (counts.data ? ` ${counts.data[s]}` : '');
  return (
    <>
      <PageHeader
        title={t('评价审核')}
        subtitle={t('疑似虚假评价在审核通过前不公开、不计入商品评分；店铺页显示“评价审核中”的条数。')}
      />
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={[
          { label: `${t('待审核')}${n('pending')}`, value: 'pending' },
          { label: `${t('已放行')}${n('cleared')}`, value: 'cleared' },
          { label: `${t('已移除')}${n('removed')}`, value: 'removed' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <FlagTable status={status} />
    </>
  );
}

function FlagTable({ status }: { status: Status }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useCursorList<Flag>(['platform', 'review-flags', status], (cursor) =>
    must(
      api.GET('/api/v1/admin/review-flags', {
        params: { query: { status, limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'clear' | 'remove' }) =>
      must(
        api.POST('/api/v1/admin/review-flags/{id}/decision', {
          params: { path: { id: v.id } },
          body: { decision: v.decision, note: '' },
        }),
      ),
    onSuccess: (r) => {
      notify.success(r.status === 'cleared' ? t('已放行，评价恢复展示并计入评分') : t('已移除，评价不再展示'));
      void qc.invalidateQueries({ queryKey: ['platform', 'review-flags'] });
    },
    onError: notify.error,
  });
  const columns: TableColumnsType<Flag> = [
    {
      title: t('评价'),
      dataIndex: 'content',
      render: (content: string, r) => (
        <Space direction="vertical" size={2}>
          <span>
            {r.rating !== null && <Rate disabled value={r.rating} style={{ fontSize: 12 }} />}{' '}
            <Typography.Text type="secondary">{r.productTitle ?? r.productId}</Typography.Text>
          </span>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
            {content || t('（只打了星）')}
          </Typography.Paragraph>
        </Space>
      ),
    },
    {
      title: t('触发的信号'),
      dataIndex: 'signals',
      width: 340,
      render: (signals: Flag['signals'], r) => (
        <Space direction="vertical" size={2} data-testid="review-flag-signals">
          {signals.map((s) => (
            <Tooltip key={s.code} title={s.detail}>
              <Tag color={s.weight >= 3 ? 'red' : 'orange'}>
                {s.label} +{s.weight}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.detail}
              </Typography.Text>
            </Tooltip>
          ))}
          <Typography.Text type="secondary">{t('合计 {n} 分', { n: r.score })}</Typography.Text>
        </Space>
      ),
    },
    { title: t('评价时间'), dataIndex: 'reviewedAt', width: 150, render: dateTime },
    { title: t('标记时间'), dataIndex: 'flaggedAt', width: 150, render: dateTime },
    {
      title: t('操作'),
      key: 'actions',
      width: 170,
      render: (_, r) =>
        r.status === 'pending' ? (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={decide.isPending}
              onClick={() => decide.mutate({ id: r.reviewId, decision: 'clear' })}
            >
              {t('放行')}
            </Button>
            <Button
              size="small"
              danger
              loading={decide.isPending}
              onClick={() => decide.mutate({ id: r.reviewId, decision: 'remove' })}
            >
              {t('移除')}
            </Button>
          </Space>
        ) : (
          <Tag color={r.status === 'cleared' ? 'green' : 'red'}>
            {r.status === 'cleared' ? t('已放行') : t('已移除')}
          </Tag>
        ),
    },
  ];
  return (
    <CursorTable
      list={list}
      rowKey="reviewId"
      columns={columns}
      caption={t('评价审核')}
      empty={status === 'pending' ? t('没有待审核的评价') : t('没有记录')}
    />
  );
}
