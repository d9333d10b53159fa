import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, must } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { DueCountdown } from '../shared/DueCountdown.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { CLAIM_REASON, type Claim } from './cases.ts';

type Status = 'pending' | 'paying' | 'paid' | 'rejected';

/** 先行赔付: open claims by age against the 24 h deadline; approving pays from the guarantee fund and recovers. */
export default function ClaimsPage() {
  const t = useT();
  const now = useNow(30_000);
  const [status, setStatus] = useState<Status>('pending');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'claims', status],
    queryFn: () => must(api.GET('/api/v1/admin/compensation-claims', { params: { query: { status } } })),
  });
  const current = list.data?.items.find((c) => c.id === openId) ?? null;
  return (
    <>
      <PageHeader
        title={t('先行赔付')}
        subtitle={t(
          '24 小时内处理：通过后从平台保障金原路赔付消费者，再从商家保证金、店铺余额追偿；每笔赔付扣商家信用分 10 分。',
        )}
      />
      {(list.data?.stuckTransfers ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('{n} 笔赔付转账失败或超时未到账', { n: list.data?.stuckTransfers ?? 0 })}
          action={<Link to="/platform/compensation-transfers">{t('去处理')}</Link>}
          data-testid="stuck-transfers-alert"
        />
      )}
      <Card>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'pending', label: t('待处理') },
            { value: 'paying', label: t('赔付中') },
            { value: 'paid', label: t('已赔付') },
            { value: 'rejected', label: t('已驳回') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <QueryTable<Claim>
          query={list}
          empty={t('没有申请')}
          rowKey="id"
          columns={[
            {
              title: t('原因'),
              key: 'reason',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Link onClick={() => setOpenId(r.id)} data-testid="claim-open">
                    {t(CLAIM_REASON[r.reason])}
                  </Typography.Link>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 340 }}>
                    {r.description}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('申请金额'),
              key: 'amount',
              width: 140,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  {yuan(r.requested)}
                  {r.tenfold !== null && <Tag color="gold">{t('假一赔十 +{amount}', { amount: yuan(r.tenfold) })}</Tag>}
                </Space>
              ),
            },
            { title: t('订单'), dataIndex: 'orderId', width: 200 },
            { title: t('申请时间'), key: 'at', width: 170, render: (_, r) => dateTime(r.createdAt) },
            status === 'pending'
              ? {
                  title: t('处理时限'),
                  key: 'due',
                  width: 180,
                  render: (_, r) => <DueCountdown dueAt={r.payBy} now={now} />,
                }
              : {
                  title: t('赔付 / 追偿'),
                  key: 'paid',
                  width: 180,
                  render: (_, r) => (r.approved != null ? `${yuan(r.approved)} / ${yuan(r.recovered ?? 0)}` : '—'),
                },
          ]}
        />
      </Card>
      <Drawer
        open={current !== null}
        onClose={() => setOpenId(null)}
        width={560}
        title={t('先行赔付申请')}
        destroyOnHidden
      >
        {current ? <ClaimDetail c={current} onDone={() => setOpenId(null)} /> : null}
      </Drawer>
    </>
  );
}

function ClaimDetail({ c, onDone }: { c: Claim; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ decision: 'approve' | 'reject'; note: string; amount: number }>();
  const decide = useMutation({
    mutationFn: (v: { decision: 'approve' | 'reject'; note: string; amount: number }) =>
      must(
        api.POST('/api/v1/admin/compensation-claims/{id}/decision', {
          params: { path: { id: c.id } },
          body:
            v.decision === 'approve'
              ? { decision: 'approve', note: v.note, amount: Math.round(v.amount * 100) }
              : { decision: 'reject', note: v.note },
        }),
      ),
    onSuccess: (next) => {
      notify.success(next.status === 'rejected' ? t('已驳回') : t('已同意，赔付款原路退回中'));
      void qc.invalidateQueries({ queryKey: ['admin', 'claims'] });
      onDone();
    },
    onError: notify.error,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('原因')}>{t(CLAIM_REASON[c.reason])}</Descriptions.Item>
        <Descriptions.Item label={t('申请金额')}>{yuan(c.requested)}</Descriptions.Item>
        {c.tenfold !== null && (
          <Descriptions.Item label={t('假一赔十')}>
            {t('通过后另从保障金赔付 {amount}，先从主播直播保证金追偿', { amount: yuan(c.tenfold) })}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('订单')}>{c.orderId}</Descriptions.Item>
        <Descriptions.Item label={t('商家')}>{c.merchantId}</Descriptions.Item>
        {c.approved != null && (
          <Descriptions.Item
            label={t('赔付 / 追偿')}
          >{`${yuan(c.approved)} / ${yuan(c.recovered ?? 0)}`}</Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph>{c.description}</Typography.Paragraph>
      <Space wrap>
        {c.images.map((src) => (
          <img
            key={src}
            src={src}
            alt={t('凭证')}
            style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 6 }}
          />
        ))}
      </Space>
      <CaseHistory steps={c.history} />
      {c.status === 'pending' && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ decision: 'approve', amount: c.requested / 100 }}
          onFinish={(v) => decide.mutate(v)}
        >
          <Form.Item name="decision" label={t('决定')}>
            <Radio.Group>
              <Radio value="approve">{t('同意赔付')}</Radio>
              <Radio value="reject">{t('驳回')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() =>
              form.getFieldValue('decision') === 'approve' ? (
                <Form.Item name="amount" label={t('赔付金额（元）')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} max={c.requested / 100} precision={2} style={{ width: 200 }} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="note"
            label={t('处理意见')}
            rules={[{ required: true, min: 2, message: t('请写明处理意见，消费者会看到') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="claim-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="claim-submit">
            {t('提交')}
          </Button>
        </Form>
      )}
      {c.status === 'paid' && <Tag color="green">{t('已赔付到账')}</Tag>}
    </Space>
  );
}
