import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../api/client.ts';
import { useOrder } from '../api/orders.ts';
import { type ClaimInput, type ComplaintInput, useTenfold } from '../api/trust.ts';
import { FieldInput } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { TrustCaseForm } from '../components/TrustCaseForm.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './AfterSale.css';

export const COMPLAINT_OPTIONS: { value: ComplaintInput['category']; label: MessageKey }[] = [
  { value: 'not-as-described', label: '货不对板' },
  { value: 'quality', label: '质量问题' },
  { value: 'counterfeit', label: '疑似假货' },
  { value: 'service', label: '服务态度' },
  { value: 'shipping', label: '发货物流' },
  { value: 'other', label: '其他' },
];
const CLAIM: { value: ClaimInput['reason']; label: MessageKey }[] = [
  { value: 'not-as-described', label: '货不对板' },
  { value: 'counterfeit', label: '疑似假货' },
  { value: 'merchant-unresponsive', label: '商家不处理售后' },
  { value: 'lost-in-delivery', label: '快递丢件' },
];
const OPEN_ORDER = ['paid', 'shipped', 'delivered', 'completed'];

/** 投诉 (kind = complaint) or 申请先行赔付 (kind = claim) about one order, from its detail page. */
export default function TrustCaseNewPage({ kind }: { kind: 'complaint' | 'claim' }) {
  const t = useT();
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  const tenfold = useTenfold(orderId, kind === 'claim');
  const [amount, setAmount] = useState('');
  const title = kind === 'complaint' ? t('投诉') : t('申请先行赔付');
  const header = <PageHeader title={title} />;
  if (order.isPending)
    return (
      <div className="page">
        {header}
        <ListSkeleton rows={2} />
      </div>
    );
  if (order.isError)
    return (
      <div className="page">
        {header}
        <QueryError error={order.error} onRetry={() => void order.refetch()} />
      </div>
    );
  const o = order.data;
  const refundable = o.payAmount - o.refundedAmount;
  if (!OPEN_ORDER.includes(o.status))
    return (
      <div className="page">
        {header}
        <EmptyState
          title={t('这笔订单当前不能{what}', { what: title })}
          description={t('订单状态为「{s}」', { s: o.statusLabel })}
        />
      </div>
    );
  const fen = Math.round(Number(amount) * 100);

  return (
    <div className="page with-action-bar">
      {header}
      <TrustCaseForm
        kind={kind}
        options={kind === 'complaint' ? COMPLAINT_OPTIONS : CLAIM}
        intro={
          <>
            <p className="muted">
              {kind === 'complaint'
                ? t('平台客服将在 2 小时内首次回复；投诉结果计入商家信用分。')
                : t('平台将在 24 小时内处理，通过后从平台保障金先行赔付，原路退回，再向商家追偿。')}
            </p>
            <p className="muted">
              {t('订单号')} {o.orderNo} · {t('实付')} ¥{yuan(o.payAmount)}
            </p>
            {kind === 'claim' && tenfold.data?.eligible && (
              <p className="as-tenfold" data-testid="claim-tenfold">
                {t('假一赔十：赔付商品金额的 10 倍')}
                <span className="muted">
                  {' '}
                  {t('经鉴定为假货时，除退款外另赔 ¥{amount}', { amount: yuan(tenfold.data.amount) })}
                </span>
              </p>
            )}
          </>
        }
        extra={
          kind === 'claim' && (
            <section className="card">
              <label htmlFor="claim-amount" className="section-title" style={{ display: 'block' }}>
                {t('申请金额（元）')}
              </label>
              <FieldInput
                id="claim-amount"
                inputMode="decimal"
                value={amount}
                onChange={setAmount}
                placeholder={t('最多 ¥{max}', { max: yuan(refundable) })}
                data-testid="claim-amount"
              />
            </section>
          )
        }
        check={() =>
          kind === 'claim' && (!Number.isFinite(fen) || fen <= 0 || fen > refundable)
            ? t('赔付金额须在 ¥0.01 到 ¥{max} 之间', { max: yuan(refundable) })
            : null
        }
        submit={async ({ choice, description, images }) => {
          if (kind === 'complaint') {
            const body = { orderId, category: choice as ComplaintInput['category'], description, images };
            return `/complaints/${(await must(api.POST('/api/v1/complaints', { body }))).id}`;
          }
          const body = { orderId, reason: choice as ClaimInput['reason'], amount: fen, description, images };
          return `/compensation-claims/${(await must(api.POST('/api/v1/compensation-claims', { body }))).id}`;
        }}
      />
    </div>
  );
}
