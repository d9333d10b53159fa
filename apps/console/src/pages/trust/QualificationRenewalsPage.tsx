import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { RENEWAL, VALIDITY, validUntilText, type Renewal, type RenewalStatus } from './qualifications.ts';

const queueKey = (status: RenewalStatus) => ['platform', 'qualification-renewals', status] as const;

/** 资质续期审核: shops' new documents, oldest first; approval puts them in force and relists what expiry took down. */
export default function QualificationRenewalsPage() {
  const t = useT();
  const [status, setStatus] = useState<RenewalStatus>('pending');
  const [open, setOpen] = useState<Renewal | null>(null);
  const list = useCursorList<Renewal>(queueKey(status), (cursor) =>
    must(
      api.GET('/api/v1/admin/qualification-renewals', {
        params: { query: { status, limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const columns: TableColumnsType<Renewal> = [
    {
      title: t('店铺'),
      key: 'shop',
      render: (_, r) => (
        <Typography.Link onClick={() => setOpen(r)} data-testid="renewal-open">
          {r.merchantName}
        </Typography.Link>
      ),
    },
    { title: t('资质'), dataIndex: 'kindName', width: 220 },
    {
      title: t('当前有效期'),
      key: 'current',
      width: 200,
      render: (_, r) => (
        <Space size={4}>
          {t(validUntilText(r.current) as never)}
          <StatusTag color={VALIDITY[r.current.status].color}>{t(VALIDITY[r.current.status].label as never)}</StatusTag>
        </Space>
      ),
    },
    { title: t('新有效期至'), key: 'new', width: 140, render: (_, r) => t(validUntilText(r) as never) },
    {
      title: t('因过期下架'),
      key: 'delisted',
      width: 120,
      render: (_, r) => (r.delistedCount > 0 ? t('{n} 件商品', { n: r.delistedCount }) : '—'),
    },
    { title: t('提交时间'), key: 'at', width: 170, render: (_, r) => dateTime(r.submittedAt) },
    status === 'pending'
      ? {
          title: t('状态'),
          key: 'status',
          width: 120,
          render: (_, r) => (
            <StatusTag color={RENEWAL[r.status].color}>{t(RENEWAL[r.status].label as never)}</StatusTag>
          ),
        }
      : {
          title: t('审核结果'),
          key: 'decision',
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <StatusTag color={RENEWAL[r.status].color}>{t(RENEWAL[r.status].label as never)}</StatusTag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.decidedByName ?? ''} {r.decidedAt ? dateTime(r.decidedAt) : ''}
                {r.reason ? ` · ${r.reason}` : ''}
              </Typography.Text>
            </Space>
          ),
        },
  ];
  return (
    <>
      <PageHeader
        title={t('资质续期审核')}
        subtitle={t(
          '商家上传的新证件与有效期。通过后新证件生效，因该资质过期下架且商家未改动过的商品自动恢复上架；驳回须写明原因，商家可以看到。',
        )}
      />
      <Segmented<RenewalStatus>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'pending', label: t('待审核') },
          { value: 'approved', label: t('已通过') },
          { value: 'rejected', label: t('已驳回') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <CursorTable
        list={list}
        rowKey="id"
        columns={columns}
        caption={t('资质续期审核')}
        empty={status === 'pending' ? t('没有待审核的资质续期') : t('没有这个状态的续期申请')}
      />
      <Drawer open={!!open} onClose={() => setOpen(null)} width={720} title={t('资质续期详情')} destroyOnHidden>
        {open ? <Review renewal={open} onDone={() => setOpen(null)} /> : null}
      </Drawer>
    </>
  );
}

function Review({ renewal: r, onDone }: { renewal: Renewal; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useMutation({
    mutationFn: (body: { decision: 'approve' } | { decision: 'reject'; reason: string }) =>
      must(api.POST('/api/v1/admin/qualification-renewals/{id}/decision', { params: { path: { id: r.id } }, body })),
    onSuccess: (res) => {
      notify.success(res.status === 'approved' ? t('已通过，新证件已生效') : t('已驳回，商家会看到原因'));
      setRejecting(false);
      void qc.invalidateQueries({ queryKey: ['platform', 'qualification-renewals'] });
      onDone();
    },
    onError: notify.error,
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {r.status === 'pending' ? (
        <Space wrap>
          <Popconfirm
            title={t('通过续期？')}
            description={
              r.delistedCount > 0
                ? t('新证件生效，因过期下架的 {n} 件商品中未被商家改动的将恢复上架。', { n: r.delistedCount })
                : t('新证件生效。')
            }
            okText={t('通过')}
            cancelText={t('取消')}
            onConfirm={() => decide.mutate({ decision: 'approve' })}
          >
            <Button type="primary" loading={decide.isPending} data-testid="renewal-approve">
              {t('通过')}
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setRejecting(true)} data-testid="renewal-reject">
            {t('驳回')}
          </Button>
        </Space>
      ) : null}
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('店铺')}>{r.merchantName}</Descriptions.Item>
        <Descriptions.Item label={t('资质')}>{r.kindName}</Descriptions.Item>
        <Descriptions.Item label={t('当前证件')}>
          {r.current.number}
          <br />
          {t('有效期至')}：{t(validUntilText(r.current) as never)}
        </Descriptions.Item>
        <Descriptions.Item label={t('新证件')}>
          {r.number}
          <br />
          {t('有效期至')}：{t(validUntilText(r) as never)}
        </Descriptions.Item>
        <Descriptions.Item label={t('证件照片')}>
          <Image.PreviewGroup>
            <Space>
              <figure style={{ margin: 0 }}>
                <Image
                  src={r.current.imageUrl}
                  width={120}
                  height={120}
                  style={{ objectFit: 'cover' }}
                  alt={t('当前证件')}
                />
                <figcaption style={{ fontSize: 12 }}>{t('当前证件')}</figcaption>
              </figure>
              <figure style={{ margin: 0 }}>
                <Image src={r.imageUrl} width={120} height={120} style={{ objectFit: 'cover' }} alt={t('新证件')} />
                <figcaption style={{ fontSize: 12 }}>{t('新证件')}</figcaption>
              </figure>
            </Space>
          </Image.PreviewGroup>
        </Descriptions.Item>
        <Descriptions.Item label={t('提交时间')}>{dateTime(r.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('因过期下架')}>
          {r.delistedCount > 0 ? t('{n} 件商品', { n: r.delistedCount }) : '—'}
        </Descriptions.Item>
        {r.status !== 'pending' ? (
          <Descriptions.Item label={t('审核结果')}>
            {t(RENEWAL[r.status].label as never)} · {r.decidedByName ?? ''} · {r.decidedAt ? dateTime(r.decidedAt) : ''}
            {r.reason ? ` · ${r.reason}` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Modal
        open={rejecting}
        title={t('驳回续期')}
        okText={t('确定')}
        cancelText={t('取消')}
        confirmLoading={decide.isPending}
        onCancel={() => setRejecting(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => decide.mutate({ decision: 'reject', reason: v.reason })}>
          <Form.Item
            name="reason"
            label={t('驳回原因')}
            rules={[
              { required: true, message: t('请写明驳回原因，商家会看到') },
              { min: 2, message: t('请写明驳回原因，商家会看到') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={200} showCount data-testid="renewal-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
