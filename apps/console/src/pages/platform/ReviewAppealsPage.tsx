import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Flex,
  Input,
  Modal,
  Rate,
  Segmented,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must, type GetOk } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT, type Translate } from '../../i18n/index.tsx';

type Appeal = GetOk<'/api/v1/admin/review-appeals'>['items'][number];
type Status = Appeal['status'];
const HOUR = 3_600_000;

/** 评价申诉: authors appeal the removal of their held review once; reinstate it or uphold the removal, with a note. */
export default function ReviewAppealsPage() {
  const t = useT();
  const [status, setStatus] = useState<Status>('pending');
  const counts = useQuery({
    queryKey: ['platform', 'review-appeals', 'counts'],
    queryFn: () =>
      must(api.GET('/api/v1/admin/review-appeals', { params: { query: { limit: 1 } } })).then((r) => r.counts),
  });
  const n = (s: Status) => (counts.data ? ` ${counts.data[s]}` : '');
  return (
    <>
      <PageHeader
        title={t('评价申诉')}
        subtitle={t(
          '评价人对“审核后不展示”的评价申诉一次。恢复展示后评价公开并计入评分；处理说明会告知评价人，结论写入透明度日志（不含说明与个人信息）。',
        )}
      />
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={[
          { label: `${t('待处理')}${n('pending')}`, value: 'pending' },
          { label: `${t('已恢复展示')}${n('reinstated')}`, value: 'reinstated' },
          { label: `${t('维持不展示')}${n('upheld')}`, value: 'upheld' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <AppealTable status={status} />
    </>
  );
}

/** 已等待 3 小时 · 剩 45 小时, or 已超时 2 小时 in red once past the 48-hour promise. */
function Age({ appeal, now }: { appeal: Appeal; now: number }) {
  const t = useT();
  const waited = Math.max(0, Math.floor((now - Date.parse(appeal.appealedAt)) / HOUR));
  const left = Math.ceil((Date.parse(appeal.dueBy) - now) / HOUR);
  return (
    <Space direction="vertical" size={0} data-testid="appeal-age">
      <span>{t('已等待 {n} 小时', { n: waited })}</span>
      {left > 0 ? (
        <Typography.Text type="secondary">{t('剩 {n} 小时', { n: left })}</Typography.Text>
      ) : (
        <Tag color="red">{t('已超时 {n} 小时', { n: -left })}</Tag>
      )}
    </Space>
  );
}

function AppealTable({ status }: { status: Status }) {
  const t = useT();
  const now = useNow();
  const [open, setOpen] = useState<Appeal | null>(null);
  const list = useCursorList<Appeal>(['platform', 'review-appeals', status], (cursor) =>
    must(
      api.GET('/api/v1/admin/review-appeals', {
        params: { query: { status, limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const columns: TableColumnsType<Appeal> = [
    {
      title: t('评价'),
      dataIndex: 'content',
      render: (content: string, r) => (
        <Flex vertical gap={2} className="cell-wrap">
          <span>
            {r.rating !== null && <Rate disabled value={r.rating} style={{ fontSize: 12 }} />}{' '}
            <Typography.Text type="secondary">{r.productTitle ?? r.productId}</Typography.Text>
          </span>
          <Typography.Paragraph style={{ margin: 0 }}>{content || t('（只打了星）')}</Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('审核依据'),
      dataIndex: 'signals',
      width: 280,
      render: (_: unknown, r) => <Grounds appeal={r} t={t} />,
    },
    {
      title: t('申诉理由'),
      dataIndex: 'reason',
      width: 240,
      render: (reason: string, r) => (
        <Flex vertical gap={2} className="cell-wrap">
          <Typography.Paragraph style={{ margin: 0 }}>{reason}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('申诉于 {at}', { at: dateTime(r.appealedAt) })}
          </Typography.Text>
        </Flex>
      ),
    },
    status === 'pending'
      ? { title: t('时效（48 小时内处理）'), key: 'age', width: 150, render: (_, r) => <Age appeal={r} now={now} /> }
      : {
          title: t('结论'),
          key: 'outcome',
          width: 220,
          render: (_, r) => (
            <Flex vertical gap={2} className="cell-wrap">
              <Tag color={r.status === 'reinstated' ? 'green' : 'default'}>
                {r.status === 'reinstated' ? t('已恢复展示') : t('维持不展示')}
              </Tag>
              <span>{r.note}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(r.decidedAt)}
              </Typography.Text>
            </Flex>
          ),
        },
    {
      title: t('操作'),
      key: 'actions',
      width: 90,
      render: (_, r) =>
        r.status === 'pending' ? (
          <Button size="small" type="primary" onClick={() => setOpen(r)} data-testid="appeal-open">
            {t('处理')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <CursorTable
        list={list}
        rowKey="reviewId"
        columns={columns}
        // Fixed layout: long review text wraps instead of pushing the age and 处理 columns off a 1440 screen.
        tableLayout="fixed"
        caption={t('评价申诉')}
        empty={status === 'pending' ? t('没有待处理的申诉') : t('没有记录')}
      />
      {open && <DecideModal appeal={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** Why the review was held and removed: the screening's signals with their details, and the removal's note. */
function Grounds({ appeal, t }: { appeal: Appeal; t: Translate }) {
  return (
    <Flex vertical gap={2} className="cell-wrap" data-testid="appeal-signals">
      {appeal.signals.map((s) => (
        <div key={s.code}>
          <Tag color={s.weight >= 3 ? 'red' : 'orange'}>
            {s.label} +{s.weight}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.detail}
          </Typography.Text>
        </div>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('移除于 {at}', { at: dateTime(appeal.removedAt) })}
        {appeal.removalNote ? ` · ${appeal.removalNote}` : ''}
      </Typography.Text>
    </Flex>
  );
}

function DecideModal({ appeal, onClose }: { appeal: Appeal; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: 'reinstate' | 'uphold') =>
      must(
        api.POST('/api/v1/admin/review-appeals/{id}/decision', {
          params: { path: { id: appeal.reviewId } },
          body: { decision, note },
        }),
      ),
    onSuccess: (r) => {
      notify.success(r.status === 'reinstated' ? t('已恢复展示，评价公开并计入评分') : t('已维持，评价继续不展示'));
      void qc.invalidateQueries({ queryKey: ['platform', 'review-appeals'] });
      void qc.invalidateQueries({ queryKey: ['platform', 'review-flags'] });
      onClose();
    },
    onError: notify.error,
  });
  const tooShort = [...note.trim()].length < 2;
  const submit = (decision: 'reinstate' | 'uphold') => {
    setTried(true);
    if (!tooShort) decide.mutate(decision);
  };
  return (
    <Modal
      open
      title={t('处理评价申诉')}
      onCancel={onClose}
      width={640}
      footer={
        <Space>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button loading={decide.isPending} onClick={() => submit('uphold')} data-testid="appeal-uphold">
            {t('维持')}
          </Button>
          <Button
            type="primary"
            loading={decide.isPending}
            onClick={() => submit('reinstate')}
            data-testid="appeal-reinstate"
          >
            {t('恢复展示')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{t('评价')}</Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }}>{appeal.content || t('（只打了星）')}</Typography.Paragraph>
        </div>
        <div>
          <Typography.Text strong>{t('审核依据')}</Typography.Text>
          <Grounds appeal={appeal} t={t} />
        </div>
        <div>
          <Typography.Text strong>{t('申诉理由')}</Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }}>{appeal.reason}</Typography.Paragraph>
        </div>
        <Alert type="info" showIcon message={t('处理说明会发给评价人；只能处理一次。')} />
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          showCount
          rows={3}
          placeholder={t('处理说明（2–200 字）')}
          aria-label={t('处理说明')}
          status={tried && tooShort ? 'error' : undefined}
          data-testid="appeal-note"
        />
        {tried && tooShort && <Typography.Text type="danger">{t('请填写处理说明（至少 2 个字）')}</Typography.Text>}
      </Space>
    </Modal>
  );
}
