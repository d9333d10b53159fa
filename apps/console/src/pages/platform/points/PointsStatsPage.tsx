import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Skeleton, Statistic, Table } from 'antd';
import { api, must, problemTitle } from '../../../api/client.ts';
import { Chart } from '../../../components/Chart.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { dateTime } from '../../../components/format.ts';

/** 积分总账: issued, outstanding, redeemed, expired and donated points, read from the ledger, and the reconcile check. */
export default function PointsStatsPage() {
  const t = useT();
  const stats = useQuery({
    queryKey: ['platform', 'points-stats'],
    queryFn: () => must(api.GET('/api/v1/admin/points/stats')),
    staleTime: 0,
  });
  const tiers = useQuery({
    queryKey: ['platform', 'membership'],
    queryFn: () => must(api.GET('/api/v1/admin/membership/overview')),
  });
  return (
    <>
      <PageHeader
        title={t('积分总账')}
        subtitle={t('积分是账本上的一种货币：发放 = 用户持有 + 已兑换 + 已过期 + 已捐赠。数字均实时读自复式记账账本。')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void stats.refetch()} loading={stats.isFetching}>
            {t('刷新')}
          </Button>
        }
      />
      {stats.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : stats.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(stats.error)} />
      ) : (
        <>
          <Alert
            type={stats.data.reconciliation.ok ? 'success' : 'error'}
            showIcon
            icon={stats.data.reconciliation.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
            style={{ marginBottom: 16 }}
            data-testid="points-reconciliation"
            title={
              stats.data.reconciliation.ok
                ? t('积分对账通过：账本借贷平衡，每个用户的余额与账本一致')
                : t('积分对账未通过：{n} 个用户余额与账本不符', {
                    n:
                      stats.data.reconciliation.walletMismatches.length +
                      stats.data.reconciliation.lotMismatches.length,
                  })
            }
          />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {(
              [
                ['累计发放', stats.data.issued],
                ['用户持有', stats.data.outstanding],
                ['已兑换 / 抵扣', stats.data.redeemed],
                ['已过期', stats.data.expired],
                ['已捐赠', stats.data.donated],
                ['持有积分的用户', stats.data.holders],
              ] as const
            ).map(([label, value]) => (
              <Col key={label} xs={12} md={8} xl={4}>
                <Card>
                  <Statistic title={t(label)} value={value} groupSeparator="," />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={10}>
              <Card title={t('发放的积分去了哪里')}>
                <Chart
                  label={t('发放的积分去了哪里')}
                  option={{
                    tooltip: { trigger: 'item' },
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: 'pie',
                        radius: ['40%', '70%'],
                        data: [
                          { name: t('用户持有'), value: stats.data.outstanding },
                          { name: t('已兑换 / 抵扣'), value: stats.data.redeemed },
                          { name: t('已过期'), value: stats.data.expired },
                          { name: t('已捐赠'), value: stats.data.donated },
                        ],
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('按类型的积分流水')}>
                <Chart
                  label={t('按类型的积分流水')}
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: 90, right: 20, top: 10, bottom: 30 },
                    xAxis: { type: 'value' },
                    yAxis: { type: 'category', data: stats.data.byKind.map((k) => k.label).reverse() },
                    series: [
                      {
                        type: 'bar',
                        data: stats.data.byKind.map((k) => k.points).reverse(),
                        itemStyle: { color: '#fa541c' },
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card title={t('会员等级与权益')} data-testid="tier-config">
        {tiers.isError ? (
          <Alert type="error" showIcon title={problemTitle(tiers.error)} />
        ) : (
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            loading={tiers.isPending}
            dataSource={tiers.data?.tiers ?? []}
            columns={[
              { title: t('等级'), dataIndex: 'name' },
              { title: t('成长值门槛'), dataIndex: 'threshold', align: 'right' },
              {
                title: t('会员价'),
                dataIndex: 'percentOff',
                render: (v: number) => (v > 0 ? t('{n} 折', { n: 100 - v }) : '—'),
              },
              { title: t('包邮'), dataIndex: 'freeShipping', render: (v: boolean) => (v ? t('是') : '—') },
              {
                title: t('生日券'),
                dataIndex: 'birthdayCoupon',
                render: (v: { label: string } | null) => v?.label ?? '—',
              },
              {
                title: t('限量优先购'),
                dataIndex: 'priorityMinutes',
                render: (v: number) => (v > 0 ? t('提前 {n} 分钟', { n: v }) : '—'),
              },
              { title: t('新品试用'), dataIndex: 'trials', render: (v: boolean) => (v ? t('可报名') : '—') },
              { title: t('会员档案数'), dataIndex: 'members', align: 'right' },
            ]}
            footer={() =>
              tiers.data
                ? t(
                    '成长值按近 {days} 天实付计算（每 ¥1 计 1 点，退款按比例扣回），每天 00:10 重算等级；新品试用报名 {n} 人。最近重算：{at}',
                    {
                      days: tiers.data.growthWindowDays,
                      n: tiers.data.trialOptIns,
                      at: tiers.data.lastRecomputedAt ? dateTime(tiers.data.lastRecomputedAt) : '—',
                    },
                  )
                : null
            }
          />
        )}
      </Card>
    </>
  );
}
