import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { api, must, problemTitle } from '../../api/client.ts';
import type { ReconciliationCheck } from '../../api/types.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

// Every check compares money in fen except this one, which counts unbalanced journals.
const COUNT_CHECKS = new Set(['journals-balanced']);
const figure = (c: ReconciliationCheck, v: number) => (COUNT_CHECKS.has(c.code) ? String(v) : yuan(v));

export default function ReconciliationPage() {
  const t = useT();
  const report = useQuery({
    queryKey: ['platform', 'reconciliation'],
    queryFn: () => must(api.GET('/api/v1/admin/reconciliation')),
    staleTime: 0,
  });
  const columns: TableColumnsType<ReconciliationCheck> = [
    {
      title: t('结果'),
      key: 'ok',
      width: 110,
      render: (_, c) => (
        <Badge
          status={c.ok ? 'success' : 'error'}
          text={
            <span style={{ color: c.ok ? '#135200' : '#a8071a', fontWeight: 500 }}>{c.ok ? t('通过') : t('不符')}</span>
          }
          data-testid="reconciliation-check-status"
          data-ok={String(c.ok)}
        />
      ),
    },
    {
      title: t('核对项'),
      key: 'name',
      // The check's Chinese name only; its code (journals-balanced…) is for scripts, kept as a data attribute.
      render: (_, c) => (
        <div className="cell-wrap" data-code={c.code}>
          {c.name}
        </div>
      ),
    },
    { title: t('应为'), key: 'expected', align: 'right', render: (_, c) => figure(c, c.expected) },
    { title: t('实为'), key: 'actual', align: 'right', render: (_, c) => figure(c, c.actual) },
    { title: t('说明'), key: 'detail', render: (_, c) => <span className="cell-wrap">{c.detail}</span> },
  ];
  return (
    <>
      <PageHeader
        title={t('账务对账')}
        subtitle={t('核对复式记账账本：每笔凭证借贷平衡，收款、退款与订单实付一一对应。每次打开都实时重新核对。')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void report.refetch()} loading={report.isFetching}>
            {t('重新对账')}
          </Button>
        }
      />
      {report.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : report.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(report.error)} />
      ) : (
        <>
          <Alert
            type={report.data.ok ? 'success' : 'error'}
            showIcon
            icon={report.data.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
            style={{ marginBottom: 16 }}
            data-testid="reconciliation-status"
            data-ok={String(report.data.ok)}
            title={
              report.data.ok
                ? t('对账通过：全部 {n} 项核对相符', { n: report.data.checks.length })
                : t('对账未通过：{n} 项不符', { n: report.data.checks.filter((c) => !c.ok).length })
            }
            description={t('核对时间 {at}', { at: dateTime(report.data.checkedAt) })}
          />
          <Card title={t('核对明细')} style={{ marginBottom: 16 }}>
            <Table<ReconciliationCheck>
              rowKey="code"
              columns={columns}
              dataSource={report.data.checks}
              pagination={false}
              size="middle"
              scroll={{ x: 800 }}
            />
          </Card>
          {report.data.problems.length > 0 ? (
            <Card title={t('不符明细')}>
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="reconciliation-problems">
                {report.data.problems.map((p, i) => (
                  <li key={i}>
                    <Typography.Text type="danger">{p}</Typography.Text>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </>
      )}
    </>
  );
}
