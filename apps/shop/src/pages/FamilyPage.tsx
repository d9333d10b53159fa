import { Button, Dialog, ProgressBar, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type FamilyBinding,
  type PayRequest,
  tokenOf,
  useFamilyBindingActions,
  useFamilyBindings,
  usePayRequests,
  useWithdrawRequest,
} from '../api/family.ts';
import { FamilyRulesForm, type FamilyRules } from '../components/FamilyRulesForm.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Family.css';

type Editing = { kind: 'invite' } | { kind: 'edit'; binding: FamilyBinding } | undefined;

/**
 * 亲情付 from both sides: the child invites a parent, sets the monthly budget and categories, sees this month's spend
 * and pays what the parent asks; the parent accepts, sees who pays for them and what is left. Either side unbinds.
 */
export default function FamilyPage() {
  const t = useT();
  const bindings = useFamilyBindings();
  const requests = usePayRequests();
  const actions = useFamilyBindingActions();
  const [editing, setEditing] = useState<Editing>();

  const close = () => {
    actions.invite.reset();
    actions.update.reset();
    setEditing(undefined);
  };
  const submit = (rules: FamilyRules) => {
    const done = () => {
      Toast.show({ icon: 'success', content: editing?.kind === 'invite' ? t('邀请已发送') : t('已保存') });
      close();
    };
    if (editing?.kind === 'edit') {
      actions.update.mutate(
        { id: editing.binding.id, monthlyBudget: rules.monthlyBudget, allowedCategoryIds: rules.allowedCategoryIds },
        { onSuccess: done },
      );
    } else {
      actions.invite.mutate(
        {
          parentPhone: rules.parentPhone ?? '',
          monthlyBudget: rules.monthlyBudget,
          allowedCategoryIds: rules.allowedCategoryIds,
        },
        { onSuccess: done },
      );
    }
  };
  const end = async (b: FamilyBinding) => {
    const other = b.role === 'child' ? b.parent.nickname : b.child.nickname;
    const go = await Dialog.confirm({
      title: b.status === 'invited' ? t('撤销邀请') : t('解除亲情付'),
      content:
        b.role === 'child'
          ? t('解除后 {name} 的订单将不能再由你代付，等待付款的请求会被取消并退回额度。已付款的订单不受影响。', {
              name: other,
            })
          : t('解除后你的订单将不能再由 {name} 代付，等待付款的请求会被取消。已付款的订单不受影响。', {
              name: other,
            }),
      confirmText: t('确认解除'),
      cancelText: t('再想想'),
    });
    if (go) actions.end.mutate(b.id, { onSuccess: () => Toast.show({ content: t('已解除') }) });
  };

  if (bindings.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('亲情付')} backTo="/me" />
        <ListSkeleton rows={3} />
      </div>
    );
  }
  if (bindings.isError) {
    return (
      <div className="page">
        <PageHeader title={t('亲情付')} backTo="/me" />
        <QueryError error={bindings.error} onRetry={() => void bindings.refetch()} />
      </div>
    );
  }
  const forParents = bindings.data.filter((b) => b.role === 'child');
  const forMe = bindings.data.filter((b) => b.role === 'parent');
  const toPay = requests.data?.toPay ?? [];
  const mine = new Set((requests.data?.mine ?? []).map((r) => r.id));
  const history = [...toPay, ...(requests.data?.mine ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <div className="page family-page">
      <PageHeader title={t('亲情付')} backTo="/me" />
      <p className="family-intro">
        {t('为爸妈等家人开通亲情付：家人下单时可请你付款，每月不超过你设置的额度；退款原路退回给付款人。')}
      </p>

      <section className="card" aria-labelledby="family-pay-for">
        <div className="row-between">
          <h2 id="family-pay-for" className="section-title" style={{ margin: 0 }}>
            {t('我为家人付')}
          </h2>
          <Button
            size="small"
            color="primary"
            fill="outline"
            shape="rounded"
            onClick={() => setEditing({ kind: 'invite' })}
            data-testid="family-invite"
          >
            {t('邀请家人')}
          </Button>
        </div>
        {forParents.length === 0 ? (
          <p className="muted family-empty">{t('还没有为家人开通亲情付')}</p>
        ) : (
          forParents.map((b) => (
            <BindingCard key={b.id} binding={b} onEdit={() => setEditing({ kind: 'edit', binding: b })} onEnd={end}>
              <OpenRequests requests={toPay.filter((r) => r.bindingId === b.id && r.status === 'open')} />
            </BindingCard>
          ))
        )}
      </section>

      <section className="card" aria-labelledby="family-paid-by">
        <h2 id="family-paid-by">{t('家人为我付')}</h2>
        {forMe.length === 0 ? (
          <p className="muted family-empty">{t('还没有家人为你开通亲情付')}</p>
        ) : (
          forMe.map((b) =>
            b.status === 'invited' ? (
              <Invitation key={b.id} binding={b} />
            ) : (
              <BindingCard key={b.id} binding={b} onEnd={end} />
            ),
          )
        )}
      </section>

      <section className="card" aria-labelledby="family-history">
        <h2 id="family-history">{t('代付记录')}</h2>
        {requests.isPending ? (
          <ListSkeleton rows={2} />
        ) : requests.isError ? (
          <QueryError error={requests.error} onRetry={() => void requests.refetch()} />
        ) : history.length === 0 ? (
          <EmptyState title={t('暂无代付记录')} description={t('家人请你付款或你请家人付款后会出现在这里')} />
        ) : (
          <ul className="family-history" data-testid="family-history">
            {history.map((r) => (
              <HistoryRow key={r.id} request={r} mine={mine.has(r.id)} />
            ))}
          </ul>
        )}
      </section>

      {editing && (
        <FamilyRulesForm
          visible
          invite={editing.kind === 'invite'}
          {...(editing.kind === 'edit'
            ? {
                initial: {
                  monthlyBudget: editing.binding.monthlyBudget,
                  allowedCategoryIds: editing.binding.allowedCategories.map((c) => c.id),
                },
              }
            : {})}
          pending={actions.invite.isPending || actions.update.isPending}
          error={actions.invite.error ?? actions.update.error}
          onSubmit={submit}
          onClose={close}
        />
      )}
    </div>
  );
}

function BindingCard({
  binding: b,
  onEdit,
  onEnd,
  children,
}: {
  binding: FamilyBinding;
  onEdit?: () => void;
  onEnd: (b: FamilyBinding) => Promise<void>;
  children?: React.ReactNode;
}) {
  const t = useT();
  const name = b.role === 'child' ? b.parent.nickname : b.child.nickname;
  const percent = b.monthlyBudget > 0 ? Math.min(100, Math.round((b.usedThisMonth / b.monthlyBudget) * 100)) : 0;
  return (
    <article className="family-binding" data-testid="family-binding">
      <div className="row-between">
        <strong>{b.role === 'child' ? t('为 {name} 付款', { name }) : t('{name} 为你付款', { name })}</strong>
        {b.status === 'invited' ? (
          <Tag color="warning" fill="outline">
            {t('等待对方确认')}
          </Tag>
        ) : (
          <Tag color="success" fill="outline">
            {t('已开通')}
          </Tag>
        )}
      </div>
      <p className="family-remaining" data-testid="family-remaining">
        {t('本月剩余 ¥{left}', { left: yuan(b.remainingThisMonth) })}
        <span className="muted"> / {t('额度 ¥{budget}', { budget: yuan(b.monthlyBudget) })}</span>
      </p>
      <ProgressBar percent={percent} aria-label={t('本月已用 ¥{used}', { used: yuan(b.usedThisMonth) })} />
      <p className="muted family-meta">
        {t('本月已用 ¥{used}', { used: yuan(b.usedThisMonth) })} ·{' '}
        {b.allowedCategories.length === 0
          ? t('不限类目')
          : t('限 {names}', { names: b.allowedCategories.map((c) => c.name).join('、') })}
      </p>
      {children}
      <div className="row family-actions">
        {onEdit && (
          <Button size="small" shape="rounded" onClick={onEdit} data-testid="family-edit">
            {t('修改额度')}
          </Button>
        )}
        <Button size="small" shape="rounded" fill="none" onClick={() => void onEnd(b)} data-testid="family-end">
          {b.status === 'invited' ? t('撤销邀请') : t('解除')}
        </Button>
      </div>
    </article>
  );
}

function Invitation({ binding: b }: { binding: FamilyBinding }) {
  const t = useT();
  const { accept, decline } = useFamilyBindingActions();
  return (
    <article className="family-binding" data-testid="family-invitation">
      <p>
        {t('{name} 邀请为你开通亲情付：每月最多 ¥{budget}，{scope}。', {
          name: b.child.nickname,
          budget: yuan(b.monthlyBudget),
          scope:
            b.allowedCategories.length === 0
              ? t('不限类目')
              : t('限 {names}', { names: b.allowedCategories.map((c) => c.name).join('、') }),
        })}
      </p>
      <div className="row family-actions">
        <Button
          size="small"
          color="primary"
          shape="rounded"
          loading={accept.isPending}
          onClick={() =>
            accept.mutate(b.id, { onSuccess: () => Toast.show({ icon: 'success', content: t('已开通') }) })
          }
          data-testid="family-accept"
        >
          {t('接受')}
        </Button>
        <Button size="small" shape="rounded" loading={decline.isPending} onClick={() => decline.mutate(b.id)}>
          {t('拒绝')}
        </Button>
      </div>
    </article>
  );
}

function OpenRequests({ requests }: { requests: PayRequest[] }) {
  const t = useT();
  if (requests.length === 0) return null;
  return (
    <ul className="family-open">
      {requests.map((r) => (
        <li key={r.id} className="row-between">
          <span className="grow ellipsis">
            {t('{name} 请你付款', { name: r.requester.nickname })} ¥{yuan(r.amount)}
          </span>
          <Link
            to={`/family/pay/${tokenOf(r.linkPath)}`}
            className="adm-button adm-button-primary adm-button-small adm-button-shape-rounded"
            data-testid="family-to-pay"
          >
            {t('去付款')}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function HistoryRow({ request: r, mine }: { request: PayRequest; mine: boolean }) {
  const t = useT();
  const fmt = useFormatTime();
  const withdraw = useWithdrawRequest();
  const status =
    r.status === 'paid'
      ? t('{name} 已付款', { name: r.payer?.nickname ?? '' })
      : r.status === 'cancelled'
        ? (r.cancelReason ?? t('已取消'))
        : r.expired
          ? t('已超时')
          : t('等待付款');
  const withdrawIt = async () => {
    const go = await Dialog.confirm({
      title: t('撤回代付请求'),
      content: t('撤回后家人将不能再为这笔订单付款，占用的额度会退回。'),
      confirmText: t('撤回'),
      cancelText: t('再想想'),
    });
    if (go) withdraw.mutate(r.id);
  };
  return (
    <li className="family-history-row" data-testid="family-history-row">
      <div className="row-between">
        <span className="grow ellipsis">{r.items.map((i) => i.title).join('、') || t('订单')}</span>
        <strong>¥{yuan(r.amount)}</strong>
      </div>
      <div className="row-between muted family-meta">
        <span className="grow ellipsis">
          {r.kind === 'family' ? t('亲情付') : t('代付链接')} ·{' '}
          {mine ? t('我发起') : t('{name} 发起', { name: r.requester.nickname })}
        </span>
        <span className={`family-status family-status-${r.status}`}>{status}</span>
      </div>
      <p className="muted family-meta">{fmt(r.createdAt, true)}</p>
      {r.refundedAmount > 0 && (
        <p className="muted family-meta">{t('已退款 ¥{amount}（退回付款人）', { amount: yuan(r.refundedAmount) })}</p>
      )}
      {mine && r.status === 'open' && !r.expired && (
        <div className="row family-actions">
          <Button size="small" shape="rounded" loading={withdraw.isPending} onClick={() => void withdrawIt()}>
            {t('撤回')}
          </Button>
        </div>
      )}
    </li>
  );
}
