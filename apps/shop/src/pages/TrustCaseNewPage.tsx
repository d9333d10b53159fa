import { useMutation } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, must } from '../api/client.ts';
import { useOrder } from '../api/orders.ts';
import type { ClaimInput, ComplaintInput } from '../api/trust.ts';
import { FieldInput, FieldTextArea } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PhotoUploader } from '../components/PhotoUploader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './AfterSale.css';

const COMPLAINT: { value: ComplaintInput['category']; label: MessageKey }[] = [
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
  const navigate = useNavigate();
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  const [choice, setChoice] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const title = kind === 'complaint' ? t('投诉') : t('申请先行赔付');
  const submit = useMutation({
    mutationFn: async () => {
      if (kind === 'complaint') {
        const body = { orderId, category: choice as ComplaintInput['category'], description, images };
        return { path: 'complaints', id: (await must(api.POST('/api/v1/complaints', { body }))).id };
      }
      const body = {
        orderId,
        reason: choice as ClaimInput['reason'],
        amount: Math.round(Number(amount) * 100),
        description,
        images,
      };
      return { path: 'compensation-claims', id: (await must(api.POST('/api/v1/compensation-claims', { body }))).id };
    },
    onSuccess: async ({ path, id }) => {
      Toast.show({ icon: 'success', content: kind === 'complaint' ? t('投诉已提交') : t('申请已提交') });
      await navigate(`/${path}/${id}`, { replace: true });
    },
  });

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

  const send = () => {
    if (!choice) return setError(kind === 'complaint' ? t('请选择投诉类型') : t('请选择赔付原因'));
    if (description.trim().length < 5) return setError(t('请至少用 5 个字说明问题'));
    const fen = Math.round(Number(amount) * 100);
    if (kind === 'claim' && (!Number.isFinite(fen) || fen <= 0 || fen > refundable))
      return setError(t('赔付金额须在 ¥0.01 到 ¥{max} 之间', { max: yuan(refundable) }));
    setError(null);
    submit.mutate();
  };
  const options = kind === 'complaint' ? COMPLAINT : CLAIM;

  return (
    <div className="page with-action-bar">
      {header}
      <section className="card">
        <p className="muted">
          {kind === 'complaint'
            ? t('平台客服将在 2 小时内首次回复；投诉结果计入商家信用分。')
            : t('平台将在 24 小时内处理，通过后从平台保障金先行赔付，原路退回，再向商家追偿。')}
        </p>
        <p className="muted">
          {t('订单号')} {o.orderNo} · {t('实付')} ¥{yuan(o.payAmount)}
        </p>
      </section>
      <form
        className="as-form"
        data-testid={`${kind}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <fieldset className="card as-fieldset">
          <legend className="section-title">{kind === 'complaint' ? t('投诉类型') : t('赔付原因')}</legend>
          <div className="as-chips">
            {options.map((x) => (
              <label key={x.value} className={`as-chip ${choice === x.value ? 'on' : ''}`}>
                <input
                  type="radio"
                  name="choice"
                  value={x.value}
                  checked={choice === x.value}
                  onChange={() => setChoice(x.value)}
                  data-testid={`${kind}-option-${x.value}`}
                />
                {t(x.label)}
              </label>
            ))}
          </div>
        </fieldset>
        {kind === 'claim' && (
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
        )}
        <section className="card">
          <label htmlFor="case-description" className="section-title" style={{ display: 'block' }}>
            {t('问题描述')}
          </label>
          <FieldTextArea
            id="case-description"
            value={description}
            onChange={setDescription}
            maxLength={500}
            showCount
            rows={4}
            placeholder={t('请写清楚发生了什么，平台会据此核实')}
            data-testid="case-description"
          />
          <p className="section-title" style={{ margin: '12px 0 8px' }}>
            {t('上传凭证（最多 6 张）')}
          </p>
          <PhotoUploader value={images} onChange={setImages} max={6} label={t('凭证')} testId="case-photos" />
        </section>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <div className="action-bar">
        <Button
          block
          color="primary"
          size="large"
          shape="rounded"
          loading={submit.isPending}
          onClick={send}
          data-testid="case-submit"
        >
          {t('提交')}
        </Button>
      </div>
    </div>
  );
}
