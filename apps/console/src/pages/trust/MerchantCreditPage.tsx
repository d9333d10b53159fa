import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Progress, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { api, must, problemTitle } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { FINDING_KIND, type Credit, type Finding } from './cases.ts';

/** 信用分: the computed score, each component with what was measured and what it took off, and the patrol's findings. */
export default function MerchantCreditPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const credit = useQuery({
    queryKey: ['merchant', merchantId, 'credit'],
    queryFn: () => must(api.GET('/api/v1/merchant/credit')),
  });
  const findings = useQuery({
    queryKey: ['merchant', merchantId, 'findings'],
    queryFn: () => must(api.GET('/api/v1/merchant/patrol-findings')),
  });
  const header = (
    <PageHeader
      title={t('信用分')}
      subtitle={t('信用分由平台按公开规则计算：满分 100，按下列各项扣分；低于开播门槛时不能开始直播。')}
    />
  );
  if (credit.isPending || findings.isPending)
    return (
      <>
        {header}
        <Card aria-busy="true" aria-label={t('加载中')}>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  if (credit.isError || findings.isError)
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemTitle(credit.error ?? findings.error)}
          action={<Button onClick={() => void Promise.all([credit.refetch(), findings.refetch()])}>{t('重试')}</Button>}
        />
      </>
    );
  const c = credit.data;
  const low = c.score < c.minLiveScore;
  return (
    <>
      {header}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Card>
            <Statistic
              title={t('当前信用分')}
              value={c.score}
              suffix="/ 100"
              valueStyle={{ color: low ? '#cf1322' : undefined }}
              data-testid="credit-score"
            />
            <Progress percent={c.score} showInfo={false} status={low ? 'exception' : 'normal'} />
            <Typography.Text type={low ? 'danger' : 'secondary'}>
              {low
                ? t('低于开播门槛 {min} 分，暂不能开播', { min: c.minLiveScore })
                : t('开播门槛 {min} 分', { min: c.minLiveScore })}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={16}>
          <Card title={t('各项扣分')}>
            <Table<Credit['components'][number]>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={c.components}
              columns={[
                { title: t('项目'), dataIndex: 'name', width: 110 },
                { title: t('统计'), dataIndex: 'measure' },
                {
                  title: t('扣分'),
                  key: 'points',
                  width: 110,
                  render: (_, r) => (
                    <Typography.Text type={r.points < 0 ? 'danger' : 'secondary'} data-testid={`credit-${r.key}`}>
                      {r.points} {t('（上限 {cap}）', { cap: r.cap })}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <Typography.Text type="secondary">{t('计算时间 {at}', { at: dateTime(c.computedAt) })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card title={t('巡检结果')}>
        <Table<Finding>
          rowKey="id"
          size="small"
          dataSource={findings.data.items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('巡检未发现问题')} /> }}
          columns={[
            { title: t('问题'), key: 'kind', width: 130, render: (_, r) => <Tag>{t(FINDING_KIND[r.kind])}</Tag> },
            { title: t('详情'), dataIndex: 'detail' },
            {
              title: t('状态'),
              key: 'status',
              width: 100,
              render: (_, r) => <Tag color={r.status === 'open' ? 'orange' : 'default'}>{t(STATUS[r.status])}</Tag>,
            },
            { title: t('最近发现'), key: 'seen', width: 170, render: (_, r) => dateTime(r.lastSeenAt) },
          ]}
        />
      </Card>
    </>
  );
}

const STATUS = { open: '待整改', penalised: '已处罚', dismissed: '已忽略', fixed: '已整改' } as const;
