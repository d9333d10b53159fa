import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Skeleton,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { DueCountdown } from '../shared/DueCountdown.tsx';
import { admissionKeys, ENTITY, STATUS, type Application, type ApplicationStatus } from './admission.ts';
import { ApplicationDetail } from './ApplicationDetail.tsx';

/** 入驻审核: waiting applications oldest first with their SLA; approve, reject or ask for more, each with a record. */
export default function MerchantApplicationsPage() {
  const t = useT();
  const [status, setStatus] = useState<ApplicationStatus>('submitted');
  const [openId, setOpenId] = useState<string | null>(null);
  const now = useNow(30_000);
  const list = useCursorList<Application>(admissionKeys.queue(status), (cursor) =>
    must(
      api.GET('/api/v1/admin/merchant-applications', {
        params: { query: { status, limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const columns: TableColumnsType<Application> = [
    {
      title: t('店铺 / 主体'),
      key: 'shop',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(r.id)} data-testid="application-open">
            {r.shopName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(ENTITY[r.entityType] as never)} · {r.licenceName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('主营类目'), dataIndex: 'categoryName', width: 120 },
    { title: t('申请人'), key: 'applicant', width: 140, render: (_, r) => r.applicant.nickname },
    {
      title: t('提交'),
      key: 'submitted',
      width: 170,
      render: (_, r) => (
        <>
          {dateTime(r.submittedAt)}
          {r.revision > 1 ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('第 {n} 次提交', { n: r.revision })}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    status === 'submitted'
      ? { title: t('审核时限'), key: 'due', width: 180, render: (_, r) => <DueCountdown dueAt={r.dueAt} now={now} /> }
      : { title: t('最近原因'), dataIndex: 'lastReason', render: (v: string | null) => v ?? '—' },
    {
      title: t('状态'),
      key: 'status',
      width: 110,
      render: (_, r) => <StatusTag color={STATUS[r.status].color}>{t(STATUS[r.status].label as never)}</StatusTag>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('入驻审核')}
        subtitle={t(
          '审核时限为提交后 2 个工作日，逾期的申请标红；每次决定都会记录操作人、时间和原因，申请人可以看到。',
        )}
      />
      <Segmented<ApplicationStatus>
        value={status}
        onChange={setStatus}
        options={(['submitted', 'needs-info', 'approved', 'rejected'] as const).map((s) => ({
          value: s,
          label: t(STATUS[s].label as never),
        }))}
        style={{ marginBottom: 16 }}
      />
      <CursorTable
        list={list}
        rowKey="id"
        columns={columns}
        caption={t('入驻审核')}
        rowClassName={(r) =>
          status === 'submitted' && r.dueAt && new Date(r.dueAt).getTime() <= now ? 'overdue-row' : ''
        }
        empty={status === 'submitted' ? t('没有待审核的入驻申请') : t('没有这个状态的申请')}
      />
      <Drawer open={!!openId} onClose={() => setOpenId(null)} width={820} title={t('入驻申请详情')} destroyOnHidden>
        {openId ? <Review id={openId} onDone={() => setOpenId(null)} /> : null}
      </Drawer>
    </>
  );
}

function Review({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [asking, setAsking] = useState<'reject' | 'request-info' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const app = useQuery({
    queryKey: ['platform', 'merchant-application', id],
    queryFn: () => must(api.GET('/api/v1/merchant-applications/{id}', { params: { path: { id } } })),
  });
  const decide = useMutation({
    mutationFn: (body: { decision: 'approve' } | { decision: 'reject' | 'request-info'; reason: string }) =>
      must(api.POST('/api/v1/admin/merchant-applications/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: (res) => {
      notify.success(
        res.status === 'approved'
          ? t('已通过，店铺已开通')
          : res.status === 'rejected'
            ? t('已驳回，申请人会看到原因')
            : t('已要求补充资料'),
      );
      setAsking(null);
      void qc.invalidateQueries({ queryKey: ['platform', 'merchant-applications'] });
      void qc.invalidateQueries({ queryKey: ['platform', 'merchant-application', id] });
      onDone();
    },
    onError: notify.error,
  });
  if (app.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (app.isError)
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={problemTitle(app.error)}
        action={<Button onClick={() => void app.refetch()}>{t('重试')}</Button>}
      />
    );
  const a = app.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {a.status === 'submitted' ? (
        <Space wrap>
          <Popconfirm
            title={t('通过并开通店铺？')}
            description={t('申请人将成为店主，并需缴纳类目保证金。')}
            okText={t('通过')}
            cancelText={t('取消')}
            onConfirm={() => decide.mutate({ decision: 'approve' })}
          >
            <Button type="primary" loading={decide.isPending} data-testid="application-approve">
              {t('通过')}
            </Button>
          </Popconfirm>
          <Button onClick={() => setAsking('request-info')} data-testid="application-request-info">
            {t('要求补充资料')}
          </Button>
          <Button danger onClick={() => setAsking('reject')} data-testid="application-reject">
            {t('驳回')}
          </Button>
        </Space>
      ) : null}
      <ApplicationDetail app={a} viewer="operator" />
      <Modal
        open={!!asking}
        title={asking === 'reject' ? t('驳回申请') : t('要求补充资料')}
        okText={t('确定')}
        cancelText={t('取消')}
        confirmLoading={decide.isPending}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => asking && decide.mutate({ decision: asking, reason: v.reason })}
        >
          <Form.Item
            name="reason"
            label={asking === 'reject' ? t('驳回原因') : t('需要补充的资料')}
            rules={[
              { required: true, message: t('请写明原因，申请人会看到') },
              { min: 2, message: t('请写明原因，申请人会看到') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={200} showCount data-testid="application-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
