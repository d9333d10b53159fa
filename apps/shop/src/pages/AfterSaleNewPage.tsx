import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { afterSaleKeys, type AfterSaleInput, type AfterSaleReason, type AfterSaleType } from '../api/aftersales.ts';
import { api, must } from '../api/client.ts';
import { orderKeys, useOrder } from '../api/orders.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PhotoUploader } from '../components/PhotoUploader.tsx';
import { ExchangeSkuPicker } from '../components/ExchangeSkuPicker.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { QtyStepper } from '../components/QtyStepper.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './AfterSale.css';
import { FieldTextArea } from '../components/Field.tsx';

const TYPES: { value: AfterSaleType; label: MessageKey; hint: MessageKey }[] = [
  { value: 'refund_only', label: '仅退款', hint: '未收到货，或与商家协商不退货' },
  { value: 'return_refund', label: '退货退款', hint: '已收到货，需要寄回商品' },
  { value: 'exchange', label: '换货', hint: '已收到货，换同价的其他规格' },
];
const REASONS: { value: AfterSaleReason; label: MessageKey }[] = [
  { value: 'no_reason', label: '七天无理由' },
  { value: 'quality', label: '质量问题' },
  { value: 'wrong_item', label: '商家发错货' },
  { value: 'not_as_described', label: '与描述不符' },
  { value: 'not_received', label: '未收到货' },
  { value: 'other', label: '其他' },
];

export default function AfterSaleNewPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { orderId = '' } = useParams();
  const [params] = useSearchParams();
  const lineId = params.get('lineId') ?? '';
  const order = useOrder(orderId);
  const [type, setType] = useState<AfterSaleType | null>(null);
  const [reason, setReason] = useState<AfterSaleReason | null>(null);
  const [qty, setQty] = useState(1);
  const [description, setDescription] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [replacement, setReplacement] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'type' | 'reason' | 'replacement', string>>>({});

  const submit = useMutation({
    mutationFn: (body: AfterSaleInput) => must(api.POST('/api/v1/after-sales', { body })),
    onSuccess: async (created) => {
      Toast.show({ icon: 'success', content: t('售后申请已提交') });
      await qc.invalidateQueries({ queryKey: afterSaleKeys.list });
      await qc.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
      await navigate(`/after-sales/${created.id}`, { replace: true });
    },
  });

  const header = <PageHeader title={t('申请售后')} />;
  if (order.isPending) {
    return (
      <div className="page">
        {header}
        <ListSkeleton rows={2} />
      </div>
    );
  }
  if (order.isError) {
    return (
      <div className="page">
        {header}
        <QueryError error={order.error} onRetry={() => void order.refetch()} />
      </div>
    );
  }
  const o = order.data;
  const line = o.lines.find((l) => l.id === lineId);
  if (!line) {
    return (
      <div className="page">
        {header}
        <EmptyState title={t('订单中没有这件商品')} />
      </div>
    );
  }
  const available = line.qty - line.refundedQty;
  const shipped = o.status === 'shipped' || o.status === 'delivered';
  const eligible = ['paid', 'shipped', 'delivered'].includes(o.status) && available > 0;
  const noReasonNeedsReturn = shipped && type === 'refund_only';
  const delivered = o.status === 'delivered';

  const send = () => {
    const errs: typeof errors = {};
    if (!type) errs.type = t('请选择售后类型');
    if (!reason) errs.reason = t('请选择售后原因');
    if (type === 'exchange' && !replacement) errs.replacement = t('请选择换成的规格');
    setErrors(errs);
    if (!type || !reason || errs.replacement) return;
    submit.mutate({
      orderId: o.id,
      lineId: line.id,
      qty: Math.min(qty, available),
      type,
      reasonCode: reason,
      description: description.trim(),
      images,
      ...(type === 'exchange' && replacement ? { replacementSkuId: replacement } : {}),
    });
  };

  return (
    <div className="page with-action-bar">
      {header}
      <section className="card row">
        <span className="as-thumb">{line.imageUrl ? <img src={line.imageUrl} alt="" /> : null}</span>
        <div className="grow">
          <p className="as-title clamp-2">{line.title}</p>
          <p className="muted">
            {line.specText} · ×{line.qty} · {t('实付')} ¥{yuan(line.payAmount)}
          </p>
        </div>
      </section>

      {!eligible ? (
        <EmptyState
          title={t('这件商品当前不能申请售后')}
          description={available <= 0 ? t('已全部退款') : t('订单状态为「{s}」', { s: o.statusLabel })}
        />
      ) : (
        <form
          className="as-form"
          data-testid="after-sale-form"
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <fieldset className="card as-fieldset" aria-describedby={errors.type ? 'as-type-error' : undefined}>
            <legend className="section-title">{t('售后类型')}</legend>
            <div className="as-options">
              {TYPES.map((x) => {
                const disabled = (x.value === 'return_refund' && !shipped) || (x.value === 'exchange' && !delivered);
                const why = x.value === 'exchange' ? t('确认收货后才能申请换货') : t('商品尚未发货，请申请仅退款');
                return (
                  <label
                    key={x.value}
                    className={`as-option ${type === x.value ? 'on' : ''} ${disabled ? 'disabled' : ''}`}
                  >
                    <input
                      type="radio"
                      name="type"
                      value={x.value}
                      checked={type === x.value}
                      disabled={disabled}
                      onChange={() => {
                        setType(x.value);
                        if (x.value === 'refund_only' && shipped && reason === 'no_reason') setReason(null);
                      }}
                      data-testid={`after-sale-type-${x.value}`}
                    />
                    <span>
                      <strong>{t(x.label)}</strong>
                      <span className="muted">{disabled ? why : t(x.hint)}</span>
                    </span>
                  </label>
                );
              })}
            </div>
            {errors.type && (
              <p id="as-type-error" className="field-error" role="alert">
                {errors.type}
              </p>
            )}
          </fieldset>

          {type === 'exchange' && (
            <fieldset className="card as-fieldset" data-testid="exchange-picker">
              <legend className="section-title">{t('换成的规格')}</legend>
              <ExchangeSkuPicker
                productId={line.productId}
                skuId={line.skuId}
                qty={Math.min(qty, available)}
                value={replacement}
                onChange={setReplacement}
              />
              <p className="muted">{t('换货不退款，商家同意后为你预留新规格')}</p>
              {errors.replacement && (
                <p className="field-error" role="alert">
                  {errors.replacement}
                </p>
              )}
            </fieldset>
          )}

          <fieldset className="card as-fieldset">
            <legend className="section-title">{t('售后原因')}</legend>
            <div className="as-chips">
              {REASONS.map((x) => {
                // The server refuses a no-reason refund-only once goods have left: they must come back.
                const disabled = x.value === 'no_reason' && (!line.returnPolicy.noReason7d || noReasonNeedsReturn);
                return (
                  <label
                    key={x.value}
                    className={`as-chip ${reason === x.value ? 'on' : ''} ${disabled ? 'disabled' : ''}`}
                  >
                    <input
                      type="radio"
                      name="reason"
                      value={x.value}
                      checked={reason === x.value}
                      disabled={disabled}
                      onChange={() => setReason(x.value)}
                      data-testid={`after-sale-reason-${x.value}`}
                    />
                    {t(x.label)}
                  </label>
                );
              })}
            </div>
            {!line.returnPolicy.noReason7d && (
              <p className="muted">{line.returnPolicy.reason ?? t('该商品不支持七天无理由退货')}</p>
            )}
            {line.returnPolicy.noReason7d && noReasonNeedsReturn && (
              <p className="muted">{t('已发货的商品七天无理由需要退回，请选择「退货退款」')}</p>
            )}
            {errors.reason && (
              <p className="field-error" role="alert">
                {errors.reason}
              </p>
            )}
          </fieldset>

          <section className="card">
            <div className="row-between">
              <span className="section-title" style={{ margin: 0 }}>
                {t('申请数量')}
              </span>
              <QtyStepper
                value={Math.min(qty, available)}
                max={available}
                onChange={setQty}
                label={t('申请数量')}
                testId="after-sale-qty"
              />
            </div>
            {type === 'exchange' ? (
              <p className="muted">
                {t('最多可换 {n} 件，换货不退款，商家收到退回的商品后寄出新的', { n: available })}
              </p>
            ) : (
              <p className="muted">
                {t('最多可申请 {n} 件，可退金额以商家审核为准；本件最多退', { n: available })}{' '}
                <Price fen={line.payAmount - line.refundedAmount} size={12} />
              </p>
            )}
          </section>

          <section className="card">
            <label htmlFor="as-description" className="section-title" style={{ display: 'block' }}>
              {t('问题描述')}
            </label>
            <FieldTextArea
              id="as-description"
              value={description}
              onChange={setDescription}
              maxLength={500}
              showCount
              rows={4}
              placeholder={t('请描述遇到的问题，便于商家尽快处理')}
              data-testid="after-sale-description"
            />
            <p className="section-title" style={{ margin: '12px 0 8px' }} id="as-photos-label">
              {t('上传凭证（最多 9 张）')}
            </p>
            <PhotoUploader value={images} onChange={setImages} max={9} label={t('凭证')} testId="after-sale-photos" />
          </section>
        </form>
      )}

      {eligible && (
        <div className="action-bar">
          <Button
            block
            color="primary"
            size="large"
            shape="rounded"
            loading={submit.isPending}
            onClick={send}
            data-testid="after-sale-submit"
          >
            {t('提交申请')}
          </Button>
        </div>
      )}
    </div>
  );
}
