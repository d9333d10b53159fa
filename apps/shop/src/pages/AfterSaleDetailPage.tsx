import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Form, ImageViewer, PullToRefresh, Selector, Steps, Toast } from 'antd-mobile';
import { Link, useParams } from 'react-router';
import { afterSaleKeys, OPEN_AFTER_SALE, useAfterSale, type AfterSaleDetail } from '../api/aftersales.ts';
import { api, must } from '../api/client.ts';
import { orderKeys } from '../api/orders.ts';
import { ContactService } from '../components/ContactService.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT, type MessageKey } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './AfterSale.css';
import { FieldInput } from '../components/Field.tsx';

const ACTOR: Record<AfterSaleDetail['timeline'][number]['actor'], MessageKey> = {
  buyer: '我',
  merchant: '商家',
  operator: '平台',
  system: '系统',
};
const CANCELLABLE = new Set(['requested', 'escalated', 'awaiting_return']);
/** The couriers the server accepts for an exchange's waybills (logistics/carriers.ts), checked per company. */
const CARRIERS = [
  '顺丰速运',
  '中通快递',
  '圆通速递',
  '韵达快递',
  '申通快递',
  '极兔速递',
  '京东物流',
  'EMS',
  '中国邮政',
];

export default function AfterSaleDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const detail = useAfterSale(id);
  return (
    <div className="page with-action-bar">
      <PageHeader title={t('售后详情')} />
      {detail.isPending ? (
        <ListSkeleton rows={3} />
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <PullToRefresh onRefresh={async () => void (await detail.refetch())}>
          <AfterSaleView a={detail.data} />
        </PullToRefresh>
      )}
    </div>
  );
}

function AfterSaleView({ a }: { a: AfterSaleDetail }) {
  const t = useT();
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>();
  const settle = async (next: AfterSaleDetail) => {
    qc.setQueryData(afterSaleKeys.detail(a.id), next);
    await qc.invalidateQueries({ queryKey: afterSaleKeys.list });
    await qc.invalidateQueries({ queryKey: orderKeys.detail(a.orderId) });
  };
  const cancel = useMutation({
    mutationFn: () => must(api.POST('/api/v1/after-sales/{id}/cancel', { params: { path: { id: a.id } } })),
    onSuccess: async (next) => {
      Toast.show({ content: t('已撤销申请') });
      await settle(next);
    },
  });
  const ship = useMutation({
    mutationFn: (body: { carrier: string; trackingNo: string }) =>
      must(api.POST('/api/v1/after-sales/{id}/return-shipment', { params: { path: { id: a.id } }, body })),
    onSuccess: async (next) => {
      Toast.show({ icon: 'success', content: t('退货物流已提交') });
      await settle(next);
    },
  });

  const confirm = useMutation({
    mutationFn: () =>
      must(api.POST('/api/v1/after-sales/{id}/confirm-replacement', { params: { path: { id: a.id } } })),
    onSuccess: async (next) => {
      Toast.show({ icon: 'success', content: t('已确认收到换货') });
      await settle(next);
    },
  });

  const open = OPEN_AFTER_SALE.has(a.status);
  const isExchange = a.type === 'exchange';
  const hint = (() => {
    if (a.status === 'requested' && a.dueAt)
      return t('商家需在 {time} 前处理，逾期将由平台介入', { time: fmt(a.dueAt) });
    if (a.status === 'escalated') return t('平台客服正在处理你的申请');
    if (a.status === 'awaiting_return') return t('商家已同意，请寄回商品并填写退货物流');
    if (a.status === 'return_shipped' && a.dueAt)
      return t('等待商家确认收货，{time} 前未处理将由平台介入', { time: fmt(a.dueAt) });
    if (a.status === 'refunding') return t('退款处理中，将原路退回');
    if (a.status === 'awaiting_replacement') return t('商家已收到退回的商品，正在寄出换货');
    if (a.status === 'replacement_shipped' && a.exchange?.autoConfirmAt)
      return t('{at} 前未确认将自动确认收货', { at: fmt(a.exchange.autoConfirmAt) });
    if (a.status === 'completed' && isExchange) return t('换货已完成');
    if (a.status === 'completed')
      return a.refund?.completedAt
        ? t('退款已于 {time} 原路退回', { time: fmt(a.refund.completedAt) })
        : t('退款已原路退回');
    if (a.status === 'rejected') return a.rejectReason ? t('拒绝原因：{r}', { r: a.rejectReason }) : t('商家已拒绝');
    return t('申请已撤销');
  })();

  return (
    <>
      <section className="as-status">
        <h2 data-testid="after-sale-status">{a.statusLabel}</h2>
        <p>{hint}</p>
      </section>

      {isExchange && a.exchange && <ExchangeSteps a={a} />}

      {a.status === 'awaiting_return' && (
        <section className="card" aria-labelledby="return-title">
          <h2 id="return-title">{t('填写退货物流')}</h2>
          <Form
            form={form}
            name="return"
            onFinish={(v: { carrier: string; trackingNo: string }) =>
              ship.mutate({ carrier: v.carrier.trim(), trackingNo: v.trackingNo.trim() })
            }
            footer={
              <Button block type="submit" color="primary" loading={ship.isPending} data-testid="return-submit">
                {t('提交退货物流')}
              </Button>
            }
          >
            <Form.Item name="carrier" label={t('快递公司')} rules={[{ required: true, message: t('请填写快递公司') }]}>
              {isExchange ? (
                <Selector
                  columns={3}
                  options={CARRIERS.map((c) => ({ label: c, value: c }))}
                  onChange={(v) => form.setFieldValue('carrier', v[0])}
                  data-testid="return-carrier"
                />
              ) : (
                <FieldInput placeholder={t('如：顺丰速运')} maxLength={20} />
              )}
            </Form.Item>
            <Form.Item
              name="trackingNo"
              label={t('快递单号')}
              rules={[
                { required: true, message: t('请填写快递单号') },
                { pattern: /^[A-Za-z0-9-]{6,40}$/, message: t('请填写正确的快递单号') },
              ]}
            >
              <FieldInput placeholder={t('快递单号')} maxLength={40} />
            </Form.Item>
          </Form>
        </section>
      )}

      <section className="card" aria-labelledby="as-info-title">
        <h2 id="as-info-title">{t('申请信息')}</h2>
        <dl className="as-info">
          <div>
            <dt>{t('商品')}</dt>
            <dd>
              {a.productTitle}（{a.specText}）
            </dd>
          </div>
          <div>
            <dt>{t('售后类型')}</dt>
            <dd>{a.typeLabel}</dd>
          </div>
          <div>
            <dt>{t('售后原因')}</dt>
            <dd>{a.reasonLabel}</dd>
          </div>
          <div>
            <dt>{t('申请数量')}</dt>
            <dd>{a.qty}</dd>
          </div>
          {a.exchange ? (
            <div>
              <dt>{t('换成')}</dt>
              <dd data-testid="exchange-target">
                {a.exchange.specText} × {a.qty}
                {a.exchange.reserved && <span className="muted">（{t('已为你预留')}）</span>}
              </dd>
            </div>
          ) : (
            <div>
              <dt>{t('退款金额')}</dt>
              <dd>
                ¥{yuan(a.amount + a.shippingAmount)}
                {a.shippingAmount > 0 && (
                  <span className="muted">（{t('含运费 ¥{x}', { x: yuan(a.shippingAmount) })}）</span>
                )}
              </dd>
            </div>
          )}
          {a.refund && (
            <div>
              <dt>{t('退款状态')}</dt>
              <dd>
                {a.refund.status === 'completed' ? t('已退回 ¥{x}', { x: yuan(a.refund.amount) }) : t('退款处理中')}
              </dd>
            </div>
          )}
          {a.returnShipment && (
            <div>
              <dt>{t('退货物流')}</dt>
              <dd>
                {a.returnShipment.carrier} {a.returnShipment.trackingNo}
              </dd>
            </div>
          )}
          {a.exchange?.returnDefective && (
            <div>
              <dt>{t('商家验货')}</dt>
              <dd>{t('退回商品有质量问题')}</dd>
            </div>
          )}
          {a.exchange?.shipment && (
            <div>
              <dt>{t('商家寄出的换货')}</dt>
              <dd data-testid="replacement-waybill">
                {a.exchange.shipment.carrier} {a.exchange.shipment.trackingNo}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('申请时间')}</dt>
            <dd>{fmt(a.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('订单')}</dt>
            <dd>
              <Link to={`/orders/${a.orderId}`} className="as-link">
                {a.orderId}
              </Link>
            </dd>
          </div>
        </dl>
        {a.description && <p className="review-content">{a.description}</p>}
        {a.images.length > 0 && (
          <ul className="review-photos">
            {a.images.map((src, i) => (
              <li key={src}>
                <button
                  type="button"
                  onClick={() => ImageViewer.Multi.show({ images: a.images, defaultIndex: i })}
                  aria-label={t('查看凭证第 {n} 张', { n: i + 1 })}
                >
                  <img src={src} alt="" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="as-progress-title">
        <h2 id="as-progress-title">{t('处理进度')}</h2>
        <Steps direction="vertical" current={a.timeline.length - 1} data-testid="after-sale-timeline">
          {a.timeline.map((e, i) => (
            <Steps.Step
              key={`${e.at}-${i}`}
              status="finish"
              title={`${t(ACTOR[e.actor])}：${e.action}`}
              description={
                <>
                  {e.note && <span style={{ display: 'block' }}>{e.note}</span>}
                  {fmt(e.at)}
                </>
              }
            />
          ))}
        </Steps>
      </section>

      <div className="action-bar" style={{ justifyContent: 'flex-end', gap: 8 }}>
        <ContactService subject={{ source: 'after_sale', afterSaleId: a.id }} size="middle" />
        {a.status === 'replacement_shipped' && (
          <Button
            shape="rounded"
            color="primary"
            loading={confirm.isPending}
            onClick={() =>
              void Dialog.confirm({
                content: t('确认已收到换货？确认后换货完成。'),
                confirmText: t('确认收到换货'),
                cancelText: t('再想想'),
              }).then((yes) => {
                if (yes) confirm.mutate();
              })
            }
            data-testid="replacement-confirm"
          >
            {t('确认收到换货')}
          </Button>
        )}
        {open && CANCELLABLE.has(a.status) && (
          <Button
            shape="rounded"
            loading={cancel.isPending}
            onClick={() =>
              void Dialog.confirm({
                content: t('撤销后本次申请将关闭，确定撤销吗？'),
                confirmText: t('撤销申请'),
                cancelText: t('再想想'),
              }).then((yes) => {
                if (yes) cancel.mutate();
              })
            }
            data-testid="after-sale-cancel"
          >
            {t('撤销申请')}
          </Button>
        )}
      </div>
    </>
  );
}

const EXCHANGE_STEPS: { label: MessageKey; reached: AfterSaleDetail['status'][] }[] = [
  { label: '提交申请', reached: ['requested', 'escalated'] },
  { label: '寄回商品', reached: ['awaiting_return'] },
  { label: '商家收货', reached: ['return_shipped'] },
  { label: '寄出换货', reached: ['awaiting_replacement'] },
  { label: '确认收货', reached: ['replacement_shipped'] },
];

/** Where an exchange is, step by step: the buyer sees what is theirs to do next. */
function ExchangeSteps({ a }: { a: AfterSaleDetail }) {
  const t = useT();
  const at = EXCHANGE_STEPS.findIndex((s) => s.reached.includes(a.status));
  const current = a.status === 'completed' ? EXCHANGE_STEPS.length : at;
  if (current < 0) return null;
  return (
    <section className="card" aria-label={t('换货进度')}>
      <Steps current={current} data-testid="exchange-steps">
        {EXCHANGE_STEPS.map((s, i) => (
          <Steps.Step
            key={s.label}
            title={t(s.label)}
            status={i < current ? 'finish' : i === current ? 'process' : 'wait'}
          />
        ))}
      </Steps>
    </section>
  );
}
