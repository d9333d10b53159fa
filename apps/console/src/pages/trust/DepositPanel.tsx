import { Alert, Card, Col, Descriptions, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import type { GetOk } from '../../api/client.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';

export type Deposit = GetOk<'/api/v1/merchant/deposit'>;
export type Penalty = GetOk<'/api/v1/merchant/penalties'>['items'][number];

const DEPOSIT_STATUS: Record<Deposit['status'], { label: string; color: string }> = {
  active: { label: '正常经营', color: 'green' },
  exiting: { label: '退出中', color: 'orange' },
  refunded: { label: '已退还', color: 'default' },
};
const MOVEMENTS: Record<Deposit['movements'][number]['kind'], string> = {
  'transfer-in': '银行转账缴纳',
  'from-balance': '余额补缴',
  deduction: '处罚扣除',
  recovery: '先行赔付追偿',
  refund: '退出退还',
};
export const PENALTIES: Record<Penalty['kind'], { label: string; color: string }> = {
  warning: { label: '警告', color: 'gold' },
  delist: { label: '下架商品', color: 'volcano' },
  suspension: { label: '暂停营业', color: 'red' },
  'deposit-deduction': { label: '扣除保证金', color: 'magenta' },
};

/** The category deposit and its movements, and the penalty record: the same for the shop and the operator. */
export function DepositPanel({ deposit, penalties }: { deposit: Deposit; penalties: Penalty[] }) {
  const t = useT();
  const status = DEPOSIT_STATUS[deposit.status];
  const movementColumns: TableColumnsType<Deposit['movements'][number]> = [
    { title: t('时间'), dataIndex: 'at', width: 160, render: dateTime },
    {
      title: t('类型'),
      dataIndex: 'kind',
      width: 130,
      render: (k: keyof typeof MOVEMENTS) => t(MOVEMENTS[k] as never),
    },
    {
      title: t('金额'),
      dataIndex: 'amount',
      width: 140,
      align: 'right',
      render: (a: number) => (
        <Typography.Text type={a < 0 ? 'danger' : 'success'}>
          {a > 0 ? '+' : '−'}
          {yuan(Math.abs(a))}
        </Typography.Text>
      ),
    },
    { title: t('说明'), dataIndex: 'reason', className: 'cell-wrap' },
  ];
  const penaltyColumns: TableColumnsType<Penalty> = [
    { title: t('时间'), dataIndex: 'at', width: 160, render: dateTime },
    {
      title: t('处罚'),
      dataIndex: 'kind',
      width: 130,
      render: (k: Penalty['kind']) => (
        <StatusTag color={PENALTIES[k].color}>{t(PENALTIES[k].label as never)}</StatusTag>
      ),
    },
    { title: t('扣除金额'), dataIndex: 'amount', width: 130, align: 'right', render: (a: number | null) => yuan(a) },
    { title: t('原因'), dataIndex: 'reason', className: 'cell-wrap' },
  ];
  return (
    <>
      {deposit.shortfall > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('保证金尚差 {amount}', { amount: yuan(deposit.shortfall) })}
          description={t('请对公转账至平台保证金账户（运营确认到账后入账），或由店主用店铺可用余额补缴。')}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col span={6}>
            <Statistic title={t('应缴保证金')} value={yuan(deposit.required)} />
          </Col>
          <Col span={6}>
            <Statistic title={t('已缴存')} value={yuan(deposit.held)} />
          </Col>
          <Col span={6}>
            <Statistic title={t('尚差')} value={yuan(deposit.shortfall)} />
          </Col>
          <Col span={6}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('主营类目')}>{deposit.categoryName}</Descriptions.Item>
              <Descriptions.Item label={t('状态')}>
                <StatusTag color={status.color} testId="deposit-status">
                  {t(status.label as never)}
                </StatusTag>
              </Descriptions.Item>
              {deposit.refundableAt ? (
                <Descriptions.Item label={t('可退还时间')}>{dateTime(deposit.refundableAt)}</Descriptions.Item>
              ) : null}
            </Descriptions>
          </Col>
        </Row>
      </Card>
      <Card title={t('保证金明细')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          columns={movementColumns}
          dataSource={deposit.movements}
          pagination={false}
          locale={{ emptyText: t('还没有保证金收支') }}
          data-testid="deposit-movements"
        />
      </Card>
      <Card title={t('处罚记录')}>
        <Table
          rowKey="id"
          size="small"
          columns={penaltyColumns}
          dataSource={penalties}
          pagination={false}
          locale={{ emptyText: t('没有处罚记录') }}
          data-testid="penalty-list"
        />
      </Card>
    </>
  );
}
