import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Input, InputNumber, Select, Skeleton, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { problemTitle } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { CsvButton } from '../../components/CsvButton.tsx';
import type { ChartOption } from '../../components/echarts.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { type Audience, beijingDay, CHANNEL_LABEL, type FunnelBody, pct, useFunnel } from './useInsights.ts';

const STEP_LABEL: Record<string, string> = {
  view: '浏览',
  click: '点击',
  search: '搜索',
  add_to_cart: '加购',
  checkout: '去结算',
  order: '下单',
  pay: '支付',
  share: '分享',
  follow: '关注',
  join_community: '加入社群',
  live_enter: '进入直播间',
  coupon_claim: '领券',
  coupon_use: '用券',
  signup: '注册',
};
const BREAKDOWN_LABEL = { none: '不拆分', channel: '按渠道', platform: '按设备', segment: '按新老客' } as const;
const SEGMENT_LABEL: Record<string, string> = { new: '新客', returning: '老客' };
const DEVICE_LABEL: Record<string, string> = { ios: 'iOS', android: 'Android', desktop: '电脑', other: '其他' };

type Step = FunnelBody['steps'][number];
type Breakdown = NonNullable<FunnelBody['breakdown']>;

/** 漏斗分析: ordered steps with optional product/category filters, a conversion window and a breakdown. */
export function FunnelPanel({ audience }: { audience: Audience }) {
  const t = useT();
  const [steps, setSteps] = useState<Step[]>([{ type: 'view' }, { type: 'add_to_cart' }, { type: 'pay' }]);
  const [windowHours, setWindowHours] = useState(24);
  const [breakdown, setBreakdown] = useState<Breakdown>('channel');
  const [range, setRange] = useState({ from: beijingDay(6), to: beijingDay(0) });
  const [submitted, setSubmitted] = useState<FunnelBody | null>(null);
  const q = useFunnel(audience, submitted);
  const stepName = (s: Step) =>
    `${t((STEP_LABEL[s.type] ?? s.type) as MessageKey)}${s.productId ? ` · ${s.productId}` : ''}${s.categoryId ? ` · ${s.categoryId}` : ''}`;
  const keyLabel = (k: string) =>
    t(
      ((breakdown === 'channel' ? CHANNEL_LABEL[k] : breakdown === 'segment' ? SEGMENT_LABEL[k] : DEVICE_LABEL[k]) ??
        k) as MessageKey,
    );

  const chart = useMemo<ChartOption | null>(() => {
    if (!q.data) return null;
    const r = q.data;
    return {
      color: ['#c41d3a'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 80, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: r.steps.map((s) => stepName(s as Step)) },
      series: [
        {
          type: 'bar',
          name: t('人数'),
          barMaxWidth: 28,
          data: r.steps.map((s) => s.count),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number; value: unknown }) =>
              p.dataIndex === 0
                ? String(p.value)
                : `${String(p.value)}（${pct(r.steps[p.dataIndex]!.overallConversion)}）`,
          },
        },
      ],
    };
  }, [q.data, t]);

  const rows = q.data ? q.data.steps.map((s, i) => ({ key: i, name: stepName(s as Step), ...s })) : [];
  const groupRows = q.data
    ? q.data.groups.map((g) => ({
        key: g.key,
        label: keyLabel(g.key),
        first: g.steps[0]!.count,
        last: g.steps[g.steps.length - 1]!.count,
        overall: g.steps[g.steps.length - 1]!.overallConversion,
        counts: g.steps.map((s) => s.count),
      }))
    : [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('漏斗步骤')}>
        <Form layout="vertical" onFinish={() => setSubmitted({ ...range, steps, windowHours, breakdown })}>
          {steps.map((s, i) => (
            <Flex key={i} gap={8} align="center" wrap style={{ marginBottom: 8 }} data-testid={`funnel-step-${i}`}>
              <span style={{ width: 56 }}>{t('第 {n} 步', { n: i + 1 })}</span>
              <Select
                aria-label={t('事件')}
                style={{ width: 160 }}
                value={s.type}
                onChange={(type) => setSteps(steps.map((x, j) => (j === i ? { ...x, type } : x)))}
                options={Object.entries(STEP_LABEL).map(([value, label]) => ({ value, label: t(label as MessageKey) }))}
              />
              <Input
                aria-label={t('商品 ID（可选）')}
                placeholder={t('商品 ID（可选）')}
                style={{ width: 200 }}
                value={s.productId ?? ''}
                onChange={(e) =>
                  setSteps(steps.map((x, j) => (j === i ? { ...x, productId: e.target.value.trim() || undefined } : x)))
                }
              />
              <Input
                aria-label={t('类目 ID（可选）')}
                placeholder={t('类目 ID（可选）')}
                style={{ width: 180 }}
                value={s.categoryId ?? ''}
                onChange={(e) =>
                  setSteps(
                    steps.map((x, j) => (j === i ? { ...x, categoryId: e.target.value.trim() || undefined } : x)),
                  )
                }
              />
              <Button
                aria-label={t('删除这一步')}
                icon={<DeleteOutlined />}
                disabled={steps.length <= 2}
                onClick={() => setSteps(steps.filter((_, j) => j !== i))}
              />
            </Flex>
          ))}
          <Button
            icon={<PlusOutlined />}
            disabled={steps.length >= 8}
            onClick={() => setSteps([...steps, { type: 'pay' }])}
          >
            {t('添加步骤')}
          </Button>
          <Flex gap={16} wrap style={{ marginTop: 16 }} align="end">
            <Form.Item label={t('开始日期')} style={{ margin: 0 }}>
              <Input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('结束日期')} style={{ margin: 0 }}>
              <Input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('转化窗口（小时）')} style={{ margin: 0 }}>
              <InputNumber min={1} max={720} value={windowHours} onChange={(v) => setWindowHours(v ?? 24)} />
            </Form.Item>
            <Form.Item label={t('拆分')} style={{ margin: 0 }}>
              <Select
                aria-label={t('拆分')}
                style={{ width: 140 }}
                value={breakdown}
                onChange={setBreakdown}
                options={Object.entries(BREAKDOWN_LABEL).map(([value, label]) => ({
                  value: value as Breakdown,
                  label: t(label),
                }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="funnel-run">
              {t('计算漏斗')}
            </Button>
          </Flex>
        </Form>
      </Card>
      {submitted == null ? null : q.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : q.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(q.error)} />
      ) : q.data.steps[0]!.count === 0 ? (
        <Card>
          <Empty description={t('这段时间没有人完成第一步')} />
        </Card>
      ) : (
        <>
          <Card
            title={t('各步人数与转化')}
            extra={
              <CsvButton
                filename="漏斗"
                rows={rows}
                columns={[
                  { title: t('步骤'), value: (r) => r.name },
                  { title: t('人数'), value: (r) => r.count },
                  { title: t('步骤转化率'), value: (r) => pct(r.stepConversion) },
                  { title: t('总体转化率'), value: (r) => pct(r.overallConversion) },
                ]}
              />
            }
          >
            <Chart
              option={chart!}
              height={60 + rows.length * 48}
              testId="funnel-chart"
              label={rows.map((r) => `${r.name} ${r.count}`).join('；')}
            />
            <Table
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="funnel-table"
              columns={[
                { title: t('步骤'), dataIndex: 'name' },
                { title: t('人数'), dataIndex: 'count', align: 'right' },
                { title: t('步骤转化率'), dataIndex: 'stepConversion', align: 'right', render: pct },
                { title: t('总体转化率'), dataIndex: 'overallConversion', align: 'right', render: pct },
              ]}
            />
          </Card>
          {q.data.groups.length > 0 ? (
            <Card
              title={t(BREAKDOWN_LABEL[q.data.breakdown])}
              extra={
                <CsvButton
                  filename="漏斗拆分"
                  rows={groupRows}
                  columns={[
                    { title: t('分组'), value: (r) => r.label },
                    ...rows.map((s, i) => ({ title: s.name, value: (r: (typeof groupRows)[number]) => r.counts[i] })),
                    { title: t('总体转化率'), value: (r) => pct(r.overall) },
                  ]}
                />
              }
            >
              <Table
                size="small"
                pagination={false}
                dataSource={groupRows}
                data-testid="funnel-breakdown"
                columns={[
                  { title: t('分组'), dataIndex: 'label' },
                  ...rows.map((s, i) => ({
                    title: s.name,
                    key: `s${i}`,
                    align: 'right' as const,
                    render: (_: unknown, r: (typeof groupRows)[number]) => r.counts[i],
                  })),
                  { title: t('总体转化率'), dataIndex: 'overall', align: 'right', render: pct },
                ]}
              />
            </Card>
          ) : null}
        </>
      )}
    </Space>
  );
}
