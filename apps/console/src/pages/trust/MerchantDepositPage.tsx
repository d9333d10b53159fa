import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Skeleton } from 'antd';
import { api, isApiStatus, must, newIdempotencyKey, problemTitle } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { DepositPanel } from './DepositPanel.tsx';

/** 保证金与处罚: the shop's category deposit, its movements and the penalties it received. */
export default function MerchantDepositPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const key = ['merchant', merchantId, 'deposit'] as const;
  const deposit = useQuery({ queryKey: key, queryFn: () => must(api.GET('/api/v1/merchant/deposit')), retry: false });
  const penalties = useQuery({
    queryKey: ['merchant', merchantId, 'penalties'],
    queryFn: () => must(api.GET('/api/v1/merchant/penalties')),
  });
  const pay = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/merchant/deposit/pay-from-balance', {
          headers: { 'idempotency-key': newIdempotencyKey() },
        }),
      ),
    onSuccess: () => {
      notify.success(t('保证金已补足'));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: notify.error,
  });
  const header = (
    <PageHeader
      title={t('保证金与处罚')}
      subtitle={t('类目保证金由平台代管；处罚扣除的金额转入先行赔付保障金，退出经营且售后期结束后退还余额。')}
      extra={
        deposit.data && deposit.data.shortfall > 0 ? (
          <Popconfirm
            title={t('用店铺可用余额补缴 {amount}？', { amount: yuan(deposit.data.shortfall) })}
            okText={t('补缴')}
            cancelText={t('取消')}
            onConfirm={() => pay.mutate()}
          >
            <Button type="primary" loading={pay.isPending}>
              {t('用余额补缴')}
            </Button>
          </Popconfirm>
        ) : null
      }
    />
  );
  if (deposit.isPending || penalties.isPending)
    return (
      <>
        {header}
        <Card aria-busy="true" aria-label={t('加载中')}>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  // Shops opened by an operator before admission existed have no deposit account: say so, not "error".
  if (deposit.isError && isApiStatus(deposit.error, 404))
    return (
      <>
        {header}
        <Alert type="info" showIcon title={t('本店不是通过入驻申请开通的，没有类目保证金账户。')} />
      </>
    );
  if (deposit.isError || penalties.isError)
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemTitle(deposit.error ?? penalties.error)}
          action={
            <Button
              onClick={() => {
                void deposit.refetch();
                void penalties.refetch();
              }}
            >
              {t('重试')}
            </Button>
          }
        />
      </>
    );
  return (
    <>
      {header}
      <DepositPanel deposit={deposit.data} penalties={penalties.data.items} />
    </>
  );
}
