import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must, newIdempotencyKey } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useT } from '../../i18n/index.tsx';
import { FINDING_KIND, type Finding } from './cases.ts';

type Status = 'open' | 'penalised' | 'dismissed' | 'fixed';
type PenaltyKind = 'warning' | 'delist' | 'suspension';

/** 巡检结果: what the daily patrol found; an operator turns a finding into a penalty (incl. 下架) or dismisses it. */
export default function PatrolFindingsPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [status, setStatus] = useState<Status>('open');
  const [penalising, setPenalising] = useState<Finding | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'findings', status],
    queryFn: () => must(api.GET('/api/v1/admin/patrol-findings', { params: { query: { status } } })),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'findings'] });
  const run = useMutation({
    mutationFn: () => must(api.POST('/api/v1/admin/patrol/run')),
    onSuccess: (r) => {
      notify.success(t('巡检完成：新增 {opened} 项，已整改 {fixed} 项', { opened: r.opened, fixed: r.fixed }));
      refresh();
    },
    onError: notify.error,
  });
  const dismiss = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/admin/patrol-findings/{id}/dismiss', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: notify.error,
  });
  return (
    <>
      <PageHeader
        title={t('巡检结果')}
        subtitle={t(
          '每天 00:30 自动巡检在架商品：类目资质、划线价真实性（不得高于近 30 天最高价）、在架无库存、售后率异常。',
        )}
        extra={
          <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="patrol-run">
            {t('立即巡检')}
          </Button>
        }
      />
      <Card>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'open', label: t('待处理') },
            { value: 'penalised', label: t('已处罚') },
            { value: 'dismissed', label: t('已忽略') },
            { value: 'fixed', label: t('已整改') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <QueryTable<Finding>
          query={list}
          empty={t('没有巡检问题')}
          rowKey="id"
          columns={[
            { title: t('问题'), key: 'kind', width: 130, render: (_, r) => <Tag>{t(FINDING_KIND[r.kind])}</Tag> },
            { title: t('详情'), dataIndex: 'detail' },
            { title: t('商家'), dataIndex: 'merchantId', width: 190 },
            { title: t('最近发现'), key: 'seen', width: 170, render: (_, r) => dateTime(r.lastSeenAt) },
            status === 'open'
              ? {
                  title: t('操作'),
                  key: 'ops',
                  width: 170,
                  render: (_, r) => (
                    <Space>
                      <Button size="small" danger onClick={() => setPenalising(r)} data-testid="finding-penalise">
                        {t('处罚')}
                      </Button>
                      <Popconfirm title={t('确认该问题不成立？')} onConfirm={() => dismiss.mutate(r.id)}>
                        <Button size="small">{t('忽略')}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                }
              : { title: t('首次发现'), key: 'first', width: 170, render: (_, r) => dateTime(r.firstSeenAt) },
          ]}
        />
      </Card>
      {penalising && <PenaltyModal finding={penalising} onClose={() => setPenalising(null)} onDone={refresh} />}
    </>
  );
}

function PenaltyModal({ finding, onClose, onDone }: { finding: Finding; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<{ kind: PenaltyKind; reason: string }>();
  const impose = useMutation({
    mutationFn: (v: { kind: PenaltyKind; reason: string }) =>
      must(
        api.POST('/api/v1/admin/merchants/{id}/penalties', {
          params: { path: { id: finding.merchantId } },
          headers: { 'idempotency-key': newIdempotencyKey() },
          body: {
            ...v,
            findingId: finding.id,
            ...(v.kind === 'delist' && finding.productId ? { productId: finding.productId } : {}),
          },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已处罚，商家可在「保证金与处罚」看到'));
      onDone();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open
      title={t('处罚商家')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={impose.isPending}
      okText={t('处罚')}
      cancelText={t('取消')}
    >
      <Typography.Paragraph type="secondary">{finding.detail}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: finding.productId ? 'delist' : 'warning', reason: finding.detail.slice(0, 200) }}
        onFinish={(v) => impose.mutate(v)}
      >
        <Form.Item name="kind" label={t('处罚方式')}>
          <Select
            options={[
              { value: 'warning', label: t('警告') },
              ...(finding.productId ? [{ value: 'delist', label: t('下架商品') }] : []),
              { value: 'suspension', label: t('暂停营业') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('处罚原因')}
          rules={[{ required: true, min: 2 }]}
          extra={t('处罚原因会公开写入透明度日志，请勿填写个人信息')}
        >
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
