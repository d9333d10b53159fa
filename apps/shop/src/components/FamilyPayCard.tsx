import { useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ApiError, problemTitle } from '../api/client.ts';
import { tokenOf, useFamilyPayOptions, useRequestPayment, useWithdrawRequest } from '../api/family.ts';
import { orderKeys } from '../api/orders.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import '../pages/Family.css';

/**
 * On the cashier: 亲情付 from each bound child (eligible or not, as the server judged the budget and categories),
 * 找家人代付 (a link anyone may pay), and the request already waiting, with a way to take it back.
 */
export function FamilyPayCard({ checkoutId, amount }: { checkoutId: string; amount: number }) {
  const t = useT();
  const qc = useQueryClient();
  const options = useFamilyPayOptions(checkoutId, true);
  const ask = useRequestPayment(checkoutId);
  const withdraw = useWithdrawRequest();
  const open = options.data?.openRequest ?? null;
  // While someone else is paying the options poll (see useFamilyPayOptions); once the checkout stops being payable
  // the cashier reloads it and shows it paid.
  const waiting = useRef(false);
  if (open) waiting.current = true;
  useEffect(() => {
    if (waiting.current && options.data && options.data.amount === 0) {
      waiting.current = false;
      void qc.invalidateQueries({ queryKey: orderKeys.checkout(checkoutId) });
    }
  }, [options.data, qc, checkoutId]);

  if (options.isPending || options.isError) return null;

  const askFamily = async (bindingId: string, name: string) => {
    const go = await Dialog.confirm({
      title: t('亲情付'),
      content: t('请 {name} 为这笔订单付款 ¥{amount}？将占用 {name} 为你设置的本月额度，对方确认后付款。', {
        name,
        amount: yuan(amount),
      }),
      confirmText: t('发送请求'),
      cancelText: t('取消'),
    });
    if (go) ask.mutate({ kind: 'family', bindingId }, { onSuccess: () => Toast.show({ content: t('已发送给家人') }) });
  };
  const askLink = async () => {
    const go = await Dialog.confirm({
      title: t('找家人代付'),
      content: t('生成代付链接，发给家人或好友，对方登录后即可为这笔订单付款 ¥{amount}。', { amount: yuan(amount) }),
      confirmText: t('生成链接'),
      cancelText: t('取消'),
    });
    if (go) ask.mutate({ kind: 'link' });
  };
  const withdrawIt = async (id: string) => {
    const go = await Dialog.confirm({
      title: t('撤回代付请求'),
      content: t('撤回后家人将不能再为这笔订单付款，占用的额度会退回。'),
      confirmText: t('撤回'),
      cancelText: t('再想想'),
    });
    if (go) withdraw.mutate(id);
  };

  return (
    <section className="card family-pay-card" aria-labelledby="family-pay-title" data-testid="family-pay-card">
      <h2 id="family-pay-title">{t('请家人付款')}</h2>
      {open ? (
        <div className="family-open-request" data-testid="family-open-request" role="status">
          <p>
            {open.kind === 'family'
              ? t('已请 {name} 用亲情付付款，等待对方确认', {
                  name: options.data.options.find((o) => o.bindingId === open.bindingId)?.child.nickname ?? t('家人'),
                })
              : t('代付链接已生成，等待家人或好友付款')}
          </p>
          {open.kind === 'link' && (
            <Link to={open.linkPath} className="family-link" data-testid="family-link-open">
              {`${window.location.origin}/family/pay/${tokenOf(open.linkPath)}`}
            </Link>
          )}
          <div className="row family-actions">
            <Button
              size="small"
              shape="rounded"
              loading={withdraw.isPending}
              onClick={() => void withdrawIt(open.id)}
              data-testid="family-withdraw"
            >
              {t('撤回')}
            </Button>
          </div>
        </div>
      ) : (
        <>
          {options.data.options.map((o) => (
            <button
              key={o.bindingId}
              type="button"
              className="pay-method"
              disabled={!o.eligible || ask.isPending}
              onClick={() => void askFamily(o.bindingId, o.child.nickname)}
              data-testid="family-pay-option"
            >
              <span className="pay-method-icon family-icon" aria-hidden>
                亲
              </span>
              <span className="grow">
                <strong>{t('亲情付（由 {name} 代付）', { name: o.child.nickname })}</strong>
                <span className={o.eligible ? 'muted' : 'family-error'} style={{ display: 'block' }}>
                  {o.reason
                    ? t('{reason}，本月剩余 ¥{left}', { reason: o.reason, left: yuan(o.remainingThisMonth) })
                    : t('本月剩余 ¥{left}', { left: yuan(o.remainingThisMonth) })}
                </span>
              </span>
            </button>
          ))}
          <button
            type="button"
            className="pay-method"
            disabled={ask.isPending}
            onClick={() => void askLink()}
            data-testid="family-pay-link"
          >
            <span className="pay-method-icon family-icon family-icon-link" aria-hidden>
              代
            </span>
            <span className="grow">
              <strong>{t('找家人代付')}</strong>
              <span className="muted" style={{ display: 'block' }}>
                {t('生成代付链接，家人或好友登录后付款')}
              </span>
            </span>
          </button>
        </>
      )}
      {ask.isError && (
        <p className="family-error" role="alert" data-testid="family-pay-error">
          {problemTitle(ask.error)}
          {ask.error instanceof ApiError && ask.error.problem.detail ? `：${ask.error.problem.detail}` : ''}
        </p>
      )}
    </section>
  );
}
