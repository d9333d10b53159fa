import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Progress, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, type GetOk, must, problemTitle } from '../../../api/client.ts';
import { Chart } from '../../../components/Chart.tsx';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { GUARDRAIL, METRIC, STATUS } from './ExperimentsPage.tsx';

type Results = GetOk<'/api/v1/admin/experiments/{id}/results'>;
type VariantRow = Results['variants'][number];

const pct = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
const pValue = (p: number | null | undefined) =>
  p === null || p === undefined ? '—' : p < 0.0001 ? '< 0.0001' : p.toFixed(4);

export default function ExperimentResultsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['platform', 'experiments', id, 'results'],
    queryFn: () => must(api.GET('/api/v1/admin/experiments/{id}/results', { params: { path: { id } } })),
    // Events reach the engine every few seconds: a running experiment's page follows them.
    refetchInterval: (query) => (query.state.data?.experiment.status === 'running' ? 3000 : false),
  });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) {
    return (
      <Alert
        type="error"
        showIcon
        message={problemTitle(q.error)}
        action={<Button onClick={() => void q.refetch()}>{t('重试')}</Button>}
      />
    );
  }
  const r = q.data;
  const e = r.experiment;
  const control = r.variants[0];
  const money = e.primaryMetric === 'revenue_per_user';

  return (
    <>
      <PageHeader
        title={e.name}
        subtitle={
          <Space wrap>
            <StatusTag color={STATUS[e.status].color} testId="results-status">
              {t(STATUS[e.status].label)}
            </StatusTag>
            {e.isDemo && <Tag>{t('演示')}</Tag>}
            <span>
              {e.key} · {t('互斥层')} {e.layer} · {t('流量')} {e.trafficPercent}%
            </span>
          </Space>
        }
        extra={
          <>
            <Link to="/platform/experiments">{t('返回实验列表')}</Link>
            <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()}>
              {t('刷新')}
            </Button>
          </>
        }
      />
      {e.status === 'draft' ? (
        <Alert type="info" showIcon message={t('实验尚未开始，开始后这里显示曝光与结果。')} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {r.provisional ? (
            <Alert
              type="warning"
              showIcon
              data-testid="results-provisional"
              message={t('结果仅供参考：尚未达到计划样本量')}
              description={t(
                '本实验采用固定样本设计（α=0.05，功效 0.8）。在每组达到 {n} 名曝光用户之前反复查看并据“显著”提前停止，会让误判率远高于 5%。',
                { n: e.plan.perVariant.toLocaleString('zh-CN') },
              )}
            />
          ) : (
            <Alert type="success" showIcon message={t('已达到计划样本量，可以据此下结论')} />
          )}
          {r.srm.mismatch && (
            <Alert
              type="error"
              showIcon
              data-testid="results-srm"
              message={t('样本比例失衡（SRM）：各组曝光人数与配置的权重不符')}
              description={t('卡方检验 p = {p}。分流或曝光上报可能有问题，结果不可信，请先排查。', {
                p: pValue(r.srm.pValue),
              })}
            />
          )}
          <Card title={t('样本进度')} size="small">
            <Progress
              percent={Math.min(100, Math.round(r.progress * 100))}
              status={r.provisional ? 'active' : 'success'}
            />
            <Typography.Text type="secondary">
              {t('最少的一组已有 {n} 人，计划每组 {plan} 人', {
                n: Math.min(...r.variants.map((v) => v.exposures)).toLocaleString('zh-CN'),
                plan: e.plan.perVariant.toLocaleString('zh-CN'),
              })}
              {r.excludedUnits > 0 && ` · ${t('{n} 人看到过多个变体，已排除', { n: r.excludedUnits })}`}
            </Typography.Text>
          </Card>
          <Card title={t('各变体')} size="small">
            <Table<VariantRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={r.variants}
              data-testid="results-table"
              columns={[
                {
                  title: t('变体'),
                  key: 'name',
                  render: (_, v, i) => (i === 0 && !v.name.includes('对照') ? `${v.name}（${t('对照')}）` : v.name),
                },
                { title: t('权重'), dataIndex: 'weight' },
                {
                  title: t('曝光人数'),
                  key: 'exposures',
                  render: (_, v) => (
                    <span data-testid="variant-exposures" data-variant={v.key}>
                      {v.exposures}
                    </span>
                  ),
                },
                { title: t('支付人数'), dataIndex: 'converters' },
                { title: t('支付转化率'), key: 'cr', render: (_, v) => pct(v.conversionRate) },
                { title: t('人均支付金额'), key: 'rpu', render: (_, v) => yuan(Math.round(v.revenuePerUser)) },
                { title: t('支付金额'), key: 'rev', render: (_, v) => yuan(v.revenue) },
              ]}
            />
            <Chart
              height={240}
              label={t('各变体曝光人数与支付转化率')}
              testId="results-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                xAxis: { type: 'category', data: r.variants.map((v) => v.name) },
                yAxis: [
                  { type: 'value', name: t('曝光人数') },
                  { type: 'value', name: t('支付转化率'), axisLabel: { formatter: '{value}%' } },
                ],
                series: [
                  { type: 'bar', name: t('曝光人数'), data: r.variants.map((v) => v.exposures) },
                  {
                    type: 'line',
                    name: t('支付转化率'),
                    yAxisIndex: 1,
                    data: r.variants.map((v) => Number((v.conversionRate * 100).toFixed(2))),
                  },
                ],
              }}
            />
          </Card>
          <Card title={t('与对照组相比（主要指标：{m}）', { m: t(METRIC[e.primaryMetric]) })} size="small">
            {r.comparisons.map((c) => (
              <Descriptions
                key={c.variant}
                size="small"
                bordered
                column={2}
                title={r.variants.find((v) => v.key === c.variant)?.name}
              >
                {c.conversion && c.revenuePerUser ? (
                  <>
                    <Descriptions.Item label={t('转化率差（95% 置信区间）')}>
                      {pct(c.conversion.difference)}（{pct(c.conversion.differenceCi.low)} ~{' '}
                      {pct(c.conversion.differenceCi.high)}）
                      {!money && <Tag style={{ marginLeft: 8 }}>{t('主要')}</Tag>}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('相对提升（95% 置信区间）')}>
                      {pct(c.conversion.relativeLift, 1)}
                      {c.conversion.relativeLiftCi &&
                        `（${pct(c.conversion.relativeLiftCi.low, 1)} ~ ${pct(c.conversion.relativeLiftCi.high, 1)}）`}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('转化率 p 值（双比例 z 检验）')}>
                      {pValue(c.conversion.pValue)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('人均支付差（95% 置信区间）')}>
                      {yuan(Math.round(c.revenuePerUser.difference))}（
                      {yuan(Math.round(c.revenuePerUser.differenceCi.low))} ~{' '}
                      {yuan(Math.round(c.revenuePerUser.differenceCi.high))}）
                      {money && <Tag style={{ marginLeft: 8 }}>{t('主要')}</Tag>}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('人均支付 p 值（Welch t 检验）')}>
                      {pValue(c.revenuePerUser.pValue)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('对照组转化率')}>{pct(control?.conversionRate)}</Descriptions.Item>
                  </>
                ) : (
                  <Descriptions.Item label={t('比较')}>{t('两组都有曝光后才能比较')}</Descriptions.Item>
                )}
              </Descriptions>
            ))}
          </Card>
          <Card title={t('护栏指标')} size="small">
            {r.guardrails.length === 0 ? (
              <Typography.Text type="secondary">{t('未设置护栏指标')}</Typography.Text>
            ) : (
              <Table
                rowKey={(g) => `${g.metric}-${g.variant}`}
                size="small"
                pagination={false}
                dataSource={r.guardrails}
                columns={[
                  { title: t('指标'), key: 'metric', render: (_, g) => t(GUARDRAIL[g.metric]) },
                  { title: t('变体'), dataIndex: 'variant' },
                  {
                    title: t('对照组'),
                    key: 'c',
                    render: (_, g) =>
                      g.metric === 'average_order_value'
                        ? yuan(g.control === null ? null : Math.round(g.control))
                        : pct(g.control),
                  },
                  {
                    title: t('实验组'),
                    key: 'tr',
                    render: (_, g) =>
                      g.metric === 'average_order_value'
                        ? yuan(g.treatment === null ? null : Math.round(g.treatment))
                        : pct(g.treatment),
                  },
                  { title: t('p 值'), key: 'p', render: (_, g) => pValue(g.pValue) },
                  {
                    title: t('结论'),
                    key: 'harmed',
                    render: (_, g) =>
                      g.harmed ? <Tag color="error">{t('显著变差')}</Tag> : <Tag>{t('未见变差')}</Tag>,
                  },
                ]}
              />
            )}
          </Card>
          <Descriptions size="small" column={2} title={t('实验信息')}>
            <Descriptions.Item label={t('假设')}>{e.hypothesis || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('统计窗口')}>
              {dateTime(r.window.from)} ~ {e.stoppedAt ? dateTime(r.window.to) : t('至今')}
            </Descriptions.Item>
            <Descriptions.Item label={t('开始')}>
              {dateTime(e.startedAt)} {e.startedBy}
            </Descriptions.Item>
            <Descriptions.Item label={t('停止')}>
              {dateTime(e.stoppedAt)} {e.stoppedBy ?? ''}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </>
  );
}
