import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type GetOk, must } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { DueCountdown } from '../shared/DueCountdown.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { ComplaintSubject, complaintColumns } from './complaintColumns.tsx';

type ShopComplaint = GetOk<'/api/v1/merchant/complaints'>['items'][number];

/**
 * 投诉 (merchant): complaints about this shop, unanswered ones with the 2 h countdown. The shop's first answer in time
 * stops the clock; after that the platform escalates. The outcome is the platform's (it feeds the credit score).
 */
export default function MerchantComplaintsPage() {
  const t = useT();
  const now = useNow(30_000);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['merchant', 'complaints'],
    queryFn: () => must(api.GET('/api/v1/merchant/complaints')),
  });
  const current = list.data?.items.find((c) => c.id === openId) ?? null;
  return (
    <>
      <PageHeader
        title={t('顾客投诉')}
        subtitle={t('请在 2 小时内首次回复，逾期平台将介入处理；是否成立由平台判定并计入信用分。')}
      />
      <Card>
        <QueryTable<ShopComplaint>
          query={list}
          empty={t('没有投诉')}
          rowKey="id"
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          columns={[
            ...complaintColumns<ShopComplaint>(t, setOpenId, {
              testId: 'merchant-complaint-open',
              descriptionWidth: 420,
            }),
            {
              title: t('状态'),
              key: 'state',
              width: 220,
              render: (_, r) =>
                r.status === 'resolved' ? (
                  <Tag color={r.outcome === 'upheld' ? 'red' : 'default'}>
                    {r.outcome === 'upheld' ? t('办结：成立') : t('办结：不成立')}
                  </Tag>
                ) : r.firstResponseAt ? (
                  <Tag color="blue">{t('已回复，平台处理中')}</Tag>
                ) : r.escalatedAt ? (
                  <Tag color="orange">{t('已升级')}</Tag>
                ) : (
                  <DueCountdown dueAt={r.respondBy} now={now} />
                ),
            },
          ]}
        />
      </Card>
      <Drawer open={current !== null} onClose={() => setOpenId(null)} width={560} title={t('投诉详情')} destroyOnHidden>
        {current ? <Detail c={current} onDone={() => setOpenId(null)} /> : null}
      </Drawer>
    </>
  );
}

function Detail({ c, onDone }: { c: ShopComplaint; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ message: string }>();
  const reply = useMutation({
    mutationFn: (v: { message: string }) =>
      must(
        api.POST('/api/v1/merchant/complaints/{id}/responses', {
          params: { path: { id: c.id } },
          body: { message: v.message },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已回复，消费者可在投诉进度中看到'));
      void qc.invalidateQueries({ queryKey: ['merchant', 'complaints'] });
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
        {t('投诉对象')} <ComplaintSubject c={c} t={t} />
      </Typography.Text>
      <CaseHistory steps={c.history} />
      {c.status !== 'resolved' && (
        <Form form={form} layout="vertical" onFinish={(v) => reply.mutate(v)}>
          <Form.Item
            name="message"
            label={t('回复顾客')}
            rules={[{ required: true, min: 2, message: t('请写明处理方式，顾客会看到') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="merchant-complaint-message" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={reply.isPending} data-testid="merchant-complaint-submit">
            {t('回复')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
