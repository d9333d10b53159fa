import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, must, problemTitle, type GetOk } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';

type Challenge = GetOk<'/api/v1/admin/challenges'>['items'][number];
const STATE: Record<Challenge['state'], { label: MessageKey; color: string }> = {
  upcoming: { label: '未开始', color: 'blue' },
  running: { label: '进行中', color: 'green' },
  ended: { label: '已结束', color: 'default' },
};

/** 话题挑战赛: the operator's challenges (#晒出你的穿搭#), newest start first, with create and edit. */
export default function ChallengesPage() {
  const t = useT();
  const [editing, setEditing] = useState<Challenge | 'new' | null>(null);
  const list = useCursorList<Challenge>(['platform', 'challenges'], (cursor) =>
    must(api.GET('/api/v1/admin/challenges', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
  );
  const columns: TableColumnsType<Challenge> = [
    {
      title: t('话题'),
      key: 'name',
      render: (_, c) => (
        <div className="cell-wrap" style={{ maxWidth: 420 }}>
          <a href={`/topics/${encodeURIComponent(c.name)}`} target="_blank" rel="noreferrer">
            #{c.name}#
          </a>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {c.description || t('（未填写说明）')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('时间'),
      key: 'time',
      width: 200,
      render: (_, c) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {dateTime(c.startsAt)}
          <br />
          {t('至')} {dateTime(c.endsAt)}
        </span>
      ),
    },
    {
      title: t('状态'),
      key: 'state',
      width: 100,
      render: (_, c) => (
        <StatusTag color={STATE[c.state].color} testId="challenge-state">
          {t(STATE[c.state].label)}
        </StatusTag>
      ),
    },
    { title: t('参与笔记'), key: 'posts', width: 100, align: 'right', render: (_, c) => c.postCount },
    {
      title: t('操作'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button size="small" onClick={() => setEditing(c)} data-testid="challenge-edit">
          {t('编辑')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('话题挑战赛')}
        subtitle={t('把话题设为挑战赛：填写说明和起止时间，话题页显示挑战赛信息；参与笔记为带此话题的已发布笔记。')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="challenge-new">
            {t('新建挑战赛')}
          </Button>
        }
      />
      <CursorTable
        list={list}
        rowKey="name"
        columns={columns}
        tableLayout="fixed"
        caption={t('话题挑战赛')}
        empty={t('还没有挑战赛')}
      />
      {editing && <ChallengeModal challenge={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface Values {
  name: string;
  description?: string;
  window?: [Dayjs | null, Dayjs | null] | null;
}

function ChallengeModal({ challenge, onClose }: { challenge: Challenge | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<{ title: string; detail?: string | undefined } | null>(null);
  const save = useMutation({
    mutationFn: (v: { name: string; description: string; startsAt: string; endsAt: string }) =>
      must(
        api.PUT('/api/v1/admin/challenges/{name}', {
          params: { path: { name: v.name } },
          body: { description: v.description, startsAt: v.startsAt, endsAt: v.endsAt },
        }),
      ),
    onSuccess: (r) => {
      notify.success(challenge ? t('已保存 #{name}#', { name: r.name }) : t('已创建挑战赛 #{name}#', { name: r.name }));
      void qc.invalidateQueries({ queryKey: ['platform', 'challenges'] });
      onClose();
    },
    onError: (err) =>
      setProblem({ title: problemTitle(err), detail: err instanceof ApiError ? err.problem.detail : undefined }),
  });
  return (
    <Modal
      open
      title={challenge ? t('编辑挑战赛 #{name}#', { name: challenge.name }) : t('新建挑战赛')}
      okText={t('保存')}
      cancelText={t('取消')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.title}
          description={problem.detail}
          data-testid="challenge-problem"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          challenge
            ? {
                name: challenge.name,
                description: challenge.description,
                window: [dayjs(challenge.startsAt), dayjs(challenge.endsAt)],
              }
            : { description: '' }
        }
        onFinish={(v) => {
          setProblem(null);
          const [start, end] = v.window ?? [];
          if (!start || !end) return;
          save.mutate({
            name: v.name.trim().replace(/^#|#$/g, ''),
            description: (v.description ?? '').trim(),
            startsAt: start.toISOString(),
            endsAt: end.toISOString(),
          });
        }}
      >
        <Form.Item
          name="name"
          label={t('话题')}
          extra={challenge ? undefined : t('不带 #，例如：晒出你的穿搭；已有话题会变为挑战赛')}
          rules={[{ required: true, whitespace: true, max: 20, message: t('话题 1–20 个字') }]}
        >
          <Input disabled={challenge !== null} maxLength={20} prefix="#" suffix="#" data-testid="challenge-name" />
        </Form.Item>
        <Form.Item name="description" label={t('说明')} rules={[{ max: 300, message: t('说明最多 300 字') }]}>
          <Input.TextArea rows={3} maxLength={300} showCount placeholder={t('告诉用户怎么参与')} />
        </Form.Item>
        <Form.Item
          name="window"
          required
          label={t('开始 – 结束时间')}
          rules={[
            {
              validator: (_, v: Values['window']) =>
                !v?.[0] || !v[1] ? Promise.reject(new Error(t('请选择开始和结束时间'))) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            placeholder={[t('开始时间'), t('结束时间')]}
            data-testid="challenge-window"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
