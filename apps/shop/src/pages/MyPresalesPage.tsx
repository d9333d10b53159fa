import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Toast } from 'antd-mobile';
import { Link } from 'react-router';
import { c2mKeys, type MyPledge, useMyPledges } from '../api/c2m.ts';
import { api, must, problemTitle } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PresaleProgress } from '../components/PresaleProgress.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { type MessageKey, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

const PLEDGE_LABELS: Record<MyPledge['status'], MessageKey> = {
  reserved: '待付款',
  paid: '已付款',
  released: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

/** 我的预售: each pre-sale order with its campaign's progress and outcome; a late delivery can be refunded here. */
export default function MyPresalesPage() {
  const t = useT();
  const mine = useMyPledges();
  const qc = useQueryClient();
  const refund = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/c2m/pledges/{id}/late-refund', { params: { path: { id } } })),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('已申请退款，款项将原路退回') });
      await qc.invalidateQueries({ queryKey: c2mKeys.mine });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });
  return (
    <div className="page">
      <PageHeader title={t('我的预售')} />
      {mine.isPending ? (
        <ListSkeleton rows={3} />
      ) : mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.items.length === 0 ? (
        <EmptyState title={t('还没有预售订单')}>
          <Link to="/c2m">{t('去看看众筹预售')}</Link>
        </EmptyState>
      ) : (
        mine.data.items.map((pl) => (
          <section key={pl.id} className="card" data-testid="my-pledge">
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <Link to={`/presale/${pl.presale.id}`}>
                <strong>{pl.presale.title}</strong>
              </Link>
              <span className="tag">{t(PLEDGE_LABELS[pl.status])}</span>
            </div>
            <p className="muted" style={{ margin: '4px 0 8px', fontSize: 13 }}>
              {pl.presale.specText} × {pl.qty} · {t('实付')} ¥{yuan(pl.payAmount)}
            </p>
            <PresaleProgress p={pl.presale} />
            <p style={{ margin: '8px 0 0', fontSize: 13 }} data-testid="pledge-outcome">
              {pl.status === 'refunded' || pl.status === 'refunding'
                ? pl.refundReason === 'late'
                  ? t('超期未发货，已按你的申请全额退款')
                  : t('预售未达成目标，已原路全额退款，优惠券与积分已退回')
                : pl.presale.status === 'succeeded'
                  ? pl.shippedAt
                    ? t('已发货')
                    : t('已达成目标，生产中，承诺 {date} 前发货', {
                        date: new Date(pl.presale.deliverBy).toLocaleDateString('zh-CN'),
                      })
                  : pl.presale.status === 'funding'
                    ? t('众筹中，截止时达到目标即开工生产')
                    : ''}
            </p>
            {pl.late && (
              <div className="card" style={{ margin: '8px 0 0', background: '#fff7e6' }} data-testid="late-notice">
                <p style={{ margin: '0 0 8px' }}>{t('已超过承诺发货日期仍未发货，你可以申请全额退款')}</p>
                <Button
                  size="small"
                  color="danger"
                  loading={refund.isPending}
                  onClick={() =>
                    void Dialog.confirm({
                      content: t('确定申请全额退款？'),
                      onConfirm: () => refund.mutate(pl.id),
                    })
                  }
                >
                  {t('申请退款')}
                </Button>
              </div>
            )}
            <Link to={`/orders/${pl.orderId}`} className="muted" style={{ fontSize: 12 }}>
              {t('查看订单')}
            </Link>
          </section>
        ))
      )}
    </div>
  );
}
