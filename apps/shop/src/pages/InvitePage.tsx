import { Button, InfiniteScroll, Toast } from 'antd-mobile';
import { absoluteUrl, copyText, type Invitee, useMyInvitation, useMyInvitees } from '../api/distribution.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { type MessageKey, useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Distribution.css';

const STATUS: Record<Invitee['status'], { label: MessageKey; tone: string }> = {
  registered: { label: '已注册', tone: 'gray' },
  first_purchase_pending: { label: '首单待确认', tone: 'warn' },
  rewarded: { label: '已奖励', tone: 'brand' },
};

/** 我的邀请: my code and link, what the reward is and when it is paid, and where each invited friend stands. */
export default function InvitePage() {
  const t = useT();
  const fmt = useFormatTime();
  const mine = useMyInvitation();
  const list = useMyInvitees();
  const invitees = list.data?.pages.flatMap((p) => p.items) ?? [];

  const copy = async (text: string) => {
    Toast.show({ content: (await copyText(text)) ? t('已复制') : t('复制失败，请长按手动复制') });
  };

  return (
    <div className="page dist-page">
      <PageHeader title={t('我的邀请')} backTo="/me" />
      {mine.isPending ? (
        <ListSkeleton rows={2} />
      ) : mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <>
          <section className="card dist-hero" aria-labelledby="invite-title">
            <h2 id="invite-title" className="section-title">
              {t('邀请好友，首单完成得 ¥{amount}', { amount: yuan(mine.data.rewardPerInvite) })}
            </h2>
            <p className="dist-code" data-testid="invite-code">
              {mine.data.code}
            </p>
            <p className="muted dist-link">{absoluteUrl(mine.data.link)}</p>
            <div className="row dist-actions">
              <Button
                color="primary"
                shape="rounded"
                onClick={() => void copy(absoluteUrl(mine.data.link))}
                data-testid="invite-copy-link"
              >
                {t('复制邀请链接')}
              </Button>
              <Button shape="rounded" onClick={() => void copy(mine.data.code)}>
                {t('复制邀请码')}
              </Button>
            </div>
            <ul className="dist-stats">
              <li>
                <strong>{mine.data.invited}</strong>
                <span>{t('已邀请')}</span>
              </li>
              <li>
                <strong>{mine.data.rewarded}</strong>
                <span>{t('已奖励')}</span>
              </li>
              <li>
                <strong>¥{yuan(mine.data.rewardTotal)}</strong>
                <span>{t('累计奖励')}</span>
              </li>
            </ul>
          </section>
          <section className="card" aria-labelledby="invite-rule">
            <h2 id="invite-rule" className="section-title">
              {t('奖励规则')}
            </h2>
            <ol className="dist-rules">
              <li>{t('好友通过你的链接注册，并在注册后 3 天内、首次下单前绑定你的邀请码。')}</li>
              <li>{t('好友的一笔订单确认收货且超过 7 天退货期、没有任何退款后，奖励才会发放到你的可提现余额。')}</li>
              <li>{t('若这笔订单发生退款，则等待好友下一笔无退款的订单；每位好友只奖励一次。')}</li>
            </ol>
            {mine.data.inviter && (
              <p className="muted">{t('你的邀请人：{name}', { name: mine.data.inviter.nickname })}</p>
            )}
          </section>
        </>
      )}

      <section className="card" aria-labelledby="invitees-title">
        <h2 id="invitees-title" className="section-title">
          {t('邀请记录')}
        </h2>
        {list.isPending ? (
          <ListSkeleton rows={3} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : invitees.length === 0 ? (
          <EmptyState title={t('还没有邀请到好友')} description={t('把邀请链接发给好友，好友注册后会出现在这里')} />
        ) : (
          <ul className="plain-list dist-list" data-testid="invitee-list">
            {invitees.map((i, n) => (
              <li key={`${i.boundAt}-${n}`} className="row-between dist-row">
                <div>
                  <p>{i.nickname}</p>
                  <p className="muted">
                    {t('{date} 加入', { date: fmt(i.boundAt, false) })}
                    {i.refundedOrders > 0 ? ` · ${t('{n} 笔订单已退款', { n: i.refundedOrders })}` : ''}
                  </p>
                </div>
                <div className="dist-right">
                  <span className={`tag ${STATUS[i.status].tone}`} data-testid="invitee-status">
                    {t(STATUS[i.status].label)}
                  </span>
                  {i.status === 'rewarded' && <p className="dist-amount">+¥{yuan(i.rewardAmount)}</p>}
                </div>
              </li>
            ))}
          </ul>
        )}
        {invitees.length > 0 && (
          <InfiniteScroll
            loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
            hasMore={list.hasNextPage}
          />
        )}
      </section>
    </div>
  );
}
