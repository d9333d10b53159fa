import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, must, newIdempotencyKey, type BodyOf } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import type { AuthenticationCase } from '../merchant/AuthenticationCard.tsx';
import { TrackingNoField } from '../shared/ShipModal.tsx';

type Tab = 'waiting' | 'decided';
type Verdict = BodyOf<'/api/v1/admin/authentication/cases/{id}/verdict', 'post'>;

const hoursSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 3_600_000));

/** 鉴定中心: held orders oldest first; a 鉴定师 records the verdict of goods that arrived. */
export default function AuthenticationPage() {
  const t = useT();
  const now = useNow(60_000);
  const [tab, setTab] = useState<Tab>('waiting');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'authentication', tab],
    queryFn: () => must(api.GET('/api/v1/admin/authentication/cases', { params: { query: { status: tab } } })),
  });
  const current = list.data?.items.find((c) => c.orderId === openId) ?? null;
  return (
    <>
      <PageHeader
        title={t('鉴定中心')}
        subtitle={t(
          '需鉴定的订单由商家寄到鉴定中心：通过则签发证书并转寄买家，未通过则原路全额退款、商品退回商家。结论写入透明度日志，公开可查。',
        )}
      />
      <Card>
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          options={[
            { value: 'waiting', label: t('待鉴定') },
            { value: 'decided', label: t('已出结论') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <QueryTable<AuthenticationCase>
          query={list}
          empty={tab === 'waiting' ? t('没有待鉴定的订单') : t('还没有鉴定结论')}
          rowKey="orderId"
          columns={[
            {
              title: t('订单'),
              key: 'order',
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Link onClick={() => setOpenId(c.orderId)} data-testid="authentication-open">
                    {c.orderNo}
                  </Typography.Link>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
                    {c.items.map((i) => `${i.title} ×${i.qty}`).join('；')}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('状态'),
              key: 'status',
              width: 140,
              render: (_, c) => (
                <StatusTag
                  color={
                    c.status === 'at_centre'
                      ? 'blue'
                      : c.status === 'passed'
                        ? 'green'
                        : c.status === 'failed'
                          ? 'red'
                          : 'gold'
                  }
                >
                  {c.statusLabel}
                </StatusTag>
              ),
            },
            {
              title: t('入库运单'),
              key: 'inbound',
              width: 240,
              render: (_, c) => (c.inbound ? `${c.inbound.carrier} ${c.inbound.trackingNo}` : t('商家尚未寄出')),
            },
            tab === 'waiting'
              ? {
                  title: t('已等待'),
                  key: 'age',
                  width: 120,
                  render: (_, c) => t('{n} 小时', { n: hoursSince(c.createdAt, now) }),
                }
              : {
                  title: t('鉴定时间'),
                  key: 'decided',
                  width: 170,
                  render: (_, c) => dateTime(c.certificate?.decidedAt),
                },
          ]}
        />
      </Card>
      <Drawer open={current !== null} onClose={() => setOpenId(null)} width={560} title={t('鉴定')} destroyOnHidden>
        {current ? (
          <CaseDetail c={current} carriers={list.data?.carriers ?? []} onDone={() => setOpenId(null)} />
        ) : null}
      </Drawer>
    </>
  );
}

function CaseDetail({ c, carriers, onDone }: { c: AuthenticationCase; carriers: string[]; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Verdict>();
  const [key] = useState(newIdempotencyKey);
  const decide = useMutation({
    mutationFn: (body: Verdict) =>
      must(
        api.POST('/api/v1/admin/authentication/cases/{id}/verdict', {
          params: { path: { id: c.orderId }, header: { 'idempotency-key': key } },
          body,
        }),
      ),
    onSuccess: (next) => {
      notify.success(next.status === 'passed' ? t('鉴定通过，证书已写入透明度日志') : t('鉴定未通过，已原路全额退款'));
      void qc.invalidateQueries({ queryKey: ['admin', 'authentication'] });
      onDone();
    },
    onError: notify.error,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('订单')}>{c.orderNo}</Descriptions.Item>
        <Descriptions.Item label={t('商品')}>
          {c.items.map((i) => `${i.title}（${i.specText}）×${i.qty}`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('入库运单')}>
          {c.inbound ? `${c.inbound.carrier} ${c.inbound.trackingNo} · ${dateTime(c.inbound.at)}` : t('商家尚未寄出')}
        </Descriptions.Item>
        {c.certificate ? (
          <>
            <Descriptions.Item label={t('鉴定编号')}>{c.certificate.certificateNo}</Descriptions.Item>
            <Descriptions.Item label={t('鉴定说明')}>{c.certificate.findings}</Descriptions.Item>
            <Descriptions.Item label={t('透明度日志')}>#{c.certificate.leafIndex}</Descriptions.Item>
          </>
        ) : null}
      </Descriptions>
      {c.status === 'at_centre' ? (
        <Form form={form} layout="vertical" initialValues={{ result: 'pass' }} onFinish={(v) => decide.mutate(v)}>
          <Form.Item name="result" label={t('结论')}>
            <Radio.Group>
              <Radio value="pass">{t('通过：签发证书并转寄买家')}</Radio>
              <Radio value="fail">{t('不通过：全额退款并退回商家')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="findings"
            label={t('鉴定说明（公开）')}
            extra={t('写入透明度日志，任何人可查：只写商品本身，勿写买家或商家的个人信息')}
            rules={[{ required: true, min: 4, message: t('鉴定说明至少 4 个字') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="authentication-findings" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => (
              <Space align="start" wrap>
                <Form.Item
                  name="carrier"
                  label={form.getFieldValue('result') === 'fail' ? t('退回商家的快递') : t('转寄买家的快递')}
                  rules={[{ required: true, message: t('请选择快递公司') }]}
                >
                  <Select style={{ width: 180 }} options={carriers.map((v) => ({ value: v, label: v }))} />
                </Form.Item>
                <TrackingNoField testId="authentication-tracking" width={220} />
              </Space>
            )}
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="authentication-submit">
              {t('提交结论')}
            </Button>
          </Form.Item>
        </Form>
      ) : c.status === 'awaiting_inbound' ? (
        <Alert type="info" showIcon title={t('商家登记寄往鉴定中心的运单、商品到达后才能出具结论')} />
      ) : null}
    </Space>
  );
}
