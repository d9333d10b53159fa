import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic, Typography, type TableColumnsType } from 'antd';
import { api, must, problemTitle } from '../../api/client.ts';
import type { FinanceEntry } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';

export default function FinancePage() {
  const t = useT();
  const merchantId = useMerchantId();
  const summary = useQuery({
    queryKey: ['merchant', merchantId, 'finance'],
    queryFn: () => must(api.GET('/api/v1/merchant/finance')),
  });
  const entries = useCursorList(['merchant', merchantId, 'finance-entries'], (cursor) =>
    must(
      api.GET('/api/v1/merchant/finance/entries', { params: { query: { ...(cursor ? { cursor } : {}), limit: 20 } } }),
    ),
  );
  const columns: TableColumnsType<FinanceEntry> = [
    { title: t('时间'), key: 'createdAt', render: (_, e) => dateTime(e.createdAt) },
    { title: t('类型'), dataIndex: 'kindLabel', key: 'kind' },
    {
      title: t('账户'),
      key: 'account',
      render: (_, e) => (
        <StatusTag color={e.account === 'available' ? 'green' : 'gold'}>
          {e.account === 'available' ? t('可提现') : t('待结算')}
        </StatusTag>
      ),
    },
    {
      title: t('金额'),
      key: 'amount',
      align: 'right',
      render: (_, e) => (
        <Typography.Text type={e.amount < 0 ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {e.amount > 0 ? '+' : ''}
          {yuan(e.amount)}
        </Typography.Text>
      ),
    },
    {
      title: t('关联单号'),
      key: 'refId',
      render: (_, e) => (
        <Typography.Text style={{ fontSize: 12, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}>
          {e.refId}
        </Typography.Text>
      ),
    },
    { title: t('备注'), key: 'memo', render: (_, e) => <span className="cell-wrap">{e.memo ?? '—'}</span> },
  ];
  return (
    <>
      <PageHeader
        title={t('资金结算')}
        subtitle={t('买家付款后货款计入待结算；订单完成（确认收货且无进行中的售后）后转为可提现。')}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {summary.isError ? (
          <Col span={24}>
            <Alert type="error" showIcon role="alert" title={problemTitle(summary.error)} />
          </Col>
        ) : (
          <>
            <Col xs={24} md={12}>
              <Card>
                {summary.isPending ? (
                  <Skeleton active paragraph={{ rows: 1 }} />
                ) : (
                  <Statistic title={t('待结算')} value={yuan(summary.data.pending)} data-testid="finance-pending" />
                )}
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card>
                {summary.isPending ? (
                  <Skeleton active paragraph={{ rows: 1 }} />
                ) : (
                  <Statistic title={t('可提现')} value={yuan(summary.data.available)} data-testid="finance-available" />
                )}
              </Card>
            </Col>
          </>
        )}
      </Row>
      <Card title={t('资金流水')}>
        <CursorTable<FinanceEntry>
          list={entries}
          rowKey="entryId"
          columns={columns}
          caption={t('资金流水')}
          empty={t('还没有资金流水')}
          scroll={{ x: 800 }}
        />
      </Card>
    </>
  );
}
