import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Form, Input, Radio, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { DueCountdown } from '../shared/DueCountdown.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { ComplaintSubject, complaintColumns } from './complaintColumns.tsx';
import type { Complaint } from './cases.ts';

type Status = 'open' | 'responded' | 'resolved';

/** 投诉处理: the queue by first-response deadline (2 h), answer, resolve with an outcome that feeds the credit score. */
export default function ComplaintsPage() {
  const t = useT();
  const now = useNow(30_000);
  const [status, setStatus] = useState<Status>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'complaints', status],
    queryFn: () => must(api.GET('/api/v1/admin/complaints', { params: { query: { status } } })),
  });
  const current = list.data?.items.find((c) => c.id === openId) ?? null;
  return (
    <>
      <PageHeader
        title={t('投诉处理')}
        subtitle={t('消费者投诉须在 2 小时内首次回复，逾期自动升级；办结结果计入商家信用分。')}
      />
      <Card>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'open', label: t('待回复') },
            { value: 'responded', label: t('处理中') },
            { value: 'resolved', label: t('已办结') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <QueryTable<Complaint>
          query={list}
          empty={t('没有投诉')}
          rowKey="id"
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          columns={[
            ...complaintColumns<Complaint>(t, setOpenId, { testId: 'complaint-open', descriptionWidth: 360 }),
            status === 'open'
              ? {
                  title: t('首次响应时限'),
                  key: 'due',
                  width: 180,
                  render: (_, r) => <DueCountdown dueAt={r.respondBy} now={now} />,
                }
              : {
                  title: t('结果'),
                  key: 'outcome',
                  width: 140,
                  render: (_, r) =>
                    r.outcome ? (
                      <Tag color={r.outcome === 'upheld' ? 'red' : 'default'}>
                        {r.outcome === 'upheld' ? t('成立') : t('不成立')}
                      </Tag>
                    ) : (
                      t('处理中')
                    ),
                },
            {
              title: '',
              key: 'esc',
              width: 90,
              render: (_, r) => (r.escalatedAt ? <Tag color="orange">{t('已升级')}</Tag> : null),
            },
          ]}
        />
      </Card>
      <Drawer open={current !== null} onClose={() => setOpenId(null)} width={560} title={t('投诉详情')} destroyOnHidden>
        {current ? <ComplaintDetail c={current} onDone={() => setOpenId(null)} /> : null}
      </Drawer>
    </>
  );
}

function ComplaintDetail({ c, onDone }: { c: Complaint; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ message: string; outcome: 'upheld' | 'not-upheld' | 'none' }>();
  const act = useMutation({
    mutationFn: (v: { message: string; outcome: 'upheld' | 'not-upheld' | 'none' }) =>
      must(
        api.POST('/api/v1/admin/complaints/{id}/actions', {
          params: { path: { id: c.id } },
          body:
            v.outcome === 'none'
              ? { action: 'respond', message: v.message }
              : { action: 'resolve', message: v.message, outcome: v.outcome },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已保存，消费者可在订单页看到'));
      void qc.invalidateQueries({ queryKey: ['admin', 'complaints'] });
      onDone();
    },
    onError: notify.error,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
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
      <Typography.Text type="secondary">
        {t('投诉对象')} <ComplaintSubject c={c} t={t} /> · {t('商家')} {c.merchantId ?? t('无（平台处理）')}
      </Typography.Text>
      <CaseHistory steps={c.history} />
      {c.status !== 'resolved' && (
        <Form form={form} layout="vertical" initialValues={{ outcome: 'none' }} onFinish={(v) => act.mutate(v)}>
          <Form.Item
            name="message"
            label={t('回复 / 处理意见')}
            rules={[{ required: true, min: 2, message: t('请写明处理意见，消费者会看到') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="complaint-message" />
          </Form.Item>
          <Form.Item name="outcome" label={t('处理')}>
            <Radio.Group>
              <Radio value="none">{t('仅回复')}</Radio>
              <Radio value="upheld">{t('办结：投诉成立')}</Radio>
              <Radio value="not-upheld">{t('办结：投诉不成立')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="complaint-submit">
            {t('提交')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
