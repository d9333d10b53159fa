import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { newIdempotencyKey, problemTitle } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { DetailHeader } from '../../../components/DetailHeader.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { liveCall, liveKeys, livePaths } from './api.ts';
import { useQualification } from './queries.ts';
import type { LiveQualification } from './types.ts';

const ID_NUMBER = /^\d{17}[\dXx]$/;

/** 主播资质: real-name verification, the deposit held on the ledger (backing 假一赔十) and the credit-score gate. */
export default function LiveQualificationPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const q = useQualification(merchantId);
  const back = { to: '/merchant/live', label: t('返回直播管理') };
  return (
    <>
      <DetailHeader
        back={back}
        title={t('主播资质')}
        subtitle={t('实名认证且信用分不低于门槛的商家才能开播；缴纳保证金后直播间显示「假一赔十」标识。')}
      />
      {q.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : q.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemTitle(q.error)}
          action={<Button onClick={() => void q.refetch()}>{t('重试')}</Button>}
        />
      ) : (
        <Qualification q={q.data} merchantId={merchantId} />
      )}
    </>
  );
}

function Qualification({ q, merchantId }: { q: LiveQualification; merchantId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const refresh = () => qc.invalidateQueries({ queryKey: liveKeys.qualification(merchantId) });
  const realName = useMutation({
    mutationFn: (body: { name: string; idNumber: string }) =>
      liveCall<unknown>('POST', `${livePaths.qualification}/real-name`, body),
    onSuccess: () => {
      void refresh();
      notify.success(t('实名认证已通过'));
    },
    onError: notify.error,
  });
  const deposit = useMutation({
    mutationFn: (release: boolean) =>
      liveCall<unknown>('POST', `${livePaths.qualification}/deposit${release ? '/release' : ''}`, undefined, {
        'idempotency-key': newIdempotencyKey(),
      }),
    onSuccess: (_, release) => {
      void refresh();
      notify.success(release ? t('保证金已退回店铺余额') : t('保证金已缴纳'));
    },
    onError: notify.error,
  });
  const creditOk = q.creditScore >= q.minCreditScore;
  const canStart = q.canStart;
  const badge = (on: boolean, label: string) => (
    <StatusTag color={on ? 'green' : 'default'}>
      {on ? <CheckCircleFilled aria-hidden="true" /> : <CloseCircleOutlined aria-hidden="true" />} {label}
    </StatusTag>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Alert
          type={canStart ? 'success' : 'warning'}
          showIcon
          data-testid="live-can-start"
          title={canStart ? t('已满足开播条件') : t('暂不能开播')}
          description={t('开播条件：完成实名认证，且店铺信用分不低于 {min} 分（当前 {score} 分）。', {
            min: q.minCreditScore,
            score: q.creditScore,
          })}
        />
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('店铺信用分')} style={{ height: '100%' }}>
          <Statistic
            value={q.creditScore}
            suffix={t('/ 100 分')}
            data-testid="live-credit-score"
            styles={{ content: { color: creditOk ? '#135200' : '#a8071a' } }}
          />
          <Progress
            percent={q.creditScore}
            showInfo={false}
            strokeColor={creditOk ? '#52c41a' : '#cf1322'}
            aria-label={t('信用分')}
          />
          <Typography.Text type="secondary">
            {t('低于 {min} 分不能开播。信用分由平台根据履约和售后情况评定。', { min: q.minCreditScore })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('实名认证')} style={{ height: '100%' }}>
          {q.realNameVerifiedAt ? (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('姓名')}>{q.realName}</Descriptions.Item>
              <Descriptions.Item label={t('身份证号')}>{`**************${q.idNumberTail ?? ''}`}</Descriptions.Item>
              <Descriptions.Item label={t('认证时间')}>{dateTime(q.realNameVerifiedAt)}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Form
              layout="vertical"
              onFinish={(v: { realName: string; idNumber: string }) =>
                realName.mutate({ name: v.realName.trim(), idNumber: v.idNumber.trim().toUpperCase() })
              }
            >
              <Form.Item
                name="realName"
                label={t('姓名')}
                rules={[{ required: true, whitespace: true, max: 20, message: t('请输入姓名') }]}
              >
                <Input maxLength={20} autoComplete="name" />
              </Form.Item>
              <Form.Item
                name="idNumber"
                label={t('身份证号')}
                extra={t('只保存后 4 位')}
                rules={[{ required: true, pattern: ID_NUMBER, message: t('请输入 18 位身份证号') }]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={realName.isPending} data-testid="live-real-name-submit">
                {t('提交认证')}
              </Button>
            </Form>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('直播保证金')} style={{ height: '100%' }}>
          <Statistic title={t('已缴纳')} value={yuan(q.depositHeld)} data-testid="live-deposit-held" />
          <Typography.Text type="secondary">
            {t('店铺可用余额 {amount}', { amount: yuan(q.availableBalance) })}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('保证金 {amount}，从店铺余额划入保证金账户；缴纳期间直播间显示「假一赔十」，退回后标识随即下线。', {
              amount: yuan(q.depositRequired),
            })}
          </Typography.Paragraph>
          {q.depositHeld > 0 ? (
            <Space direction="vertical">
              <Typography.Text type="secondary">
                {t('缴纳于 {time}', { time: dateTime(q.depositPaidAt) })}
              </Typography.Text>
              <Popconfirm
                title={t('退回保证金？')}
                description={t('退回后「假一赔十」标识立即下线。')}
                okText={t('退回')}
                cancelText={t('再想想')}
                onConfirm={() => deposit.mutate(true)}
              >
                <Button loading={deposit.isPending} data-testid="live-deposit-release">
                  {t('退回保证金')}
                </Button>
              </Popconfirm>
            </Space>
          ) : (
            <Space direction="vertical">
              <Popconfirm
                title={t('从店铺余额缴纳 {amount}？', { amount: yuan(q.depositRequired) })}
                okText={t('缴纳')}
                cancelText={t('再想想')}
                onConfirm={() => deposit.mutate(false)}
              >
                <Button
                  type="primary"
                  loading={deposit.isPending}
                  disabled={q.availableBalance < q.depositRequired}
                  data-testid="live-deposit-pay"
                >
                  {t('缴纳保证金')}
                </Button>
              </Popconfirm>
              {q.availableBalance < q.depositRequired ? (
                <Typography.Text type="secondary">{t('店铺可用余额不足，订单结算后再来缴纳')}</Typography.Text>
              ) : null}
            </Space>
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('直播间标识')}>
          <Space wrap>
            {badge(q.badges.realName, t('实名认证'))}
            {badge(q.badges.deposit, t('已缴保证金'))}
            {badge(q.badges.guarantee, t('假一赔十'))}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
