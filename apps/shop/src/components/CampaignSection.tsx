import { Button, Toast } from 'antd-mobile';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, must, problemTitle } from '../api/client.ts';
import { useProductBargains, useProductGroupBuys, type Group } from '../api/groupbuy.ts';
import { useMe } from '../api/session.ts';
import { useT } from '../i18n/index.tsx';
import { FlashCountdown, useServerNow } from './FlashCountdown.tsx';
import { Price } from './Price.tsx';
import './CampaignSection.css';

/** Real members' initials (never placeholders) and the empty seats as dashed circles. */
export function GroupAvatars({ group, size = 32 }: { group: Group; size?: number }) {
  const t = useT();
  const live = group.members;
  return (
    <span className="gb-avatars" aria-label={t('{n}/{size} 人已参团', { n: live.length, size: group.size })}>
      {live.map((m, i) =>
        m.avatarUrl ? (
          <img key={i} className="gb-avatar" src={m.avatarUrl} alt={m.nickname} width={size} height={size} />
        ) : (
          <span
            key={i}
            className={`gb-avatar ${m.isLeader ? 'leader' : ''} ${m.status === 'paid' ? '' : 'waiting'}`}
            style={{ width: size, height: size }}
            title={m.nickname}
          >
            {Array.from(m.nickname)[0]}
          </span>
        ),
      )}
      {Array.from({ length: Math.max(0, group.size - live.length) }, (_, i) => (
        <span key={`empty-${i}`} className="gb-avatar empty" style={{ width: size, height: size }} aria-hidden>
          ?
        </span>
      ))}
    </span>
  );
}

/** Group buys and bargains of a product, on its page: open a group, join one that is forming, or start a bargain. */
export function CampaignSection({ productId }: { productId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const groupBuys = useProductGroupBuys(productId);
  const bargains = useProductBargains(productId);
  const now = useServerNow();
  const start = useMutation({
    mutationFn: (campaignId: string) =>
      must(api.POST('/api/v1/bargain/campaigns/{id}/start', { params: { path: { id: campaignId } } })),
    onSuccess: (b) => void navigate(`/bargain/${b.id}`),
    meta: { quiet: true },
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });
  const needLogin = (to: string) => (me.data ? to : `/login?redirect=${encodeURIComponent(to)}`);

  const gbs = groupBuys.data?.items ?? [];
  const bgs = bargains.data?.items ?? [];
  if (gbs.length === 0 && bgs.length === 0) return null;
  return (
    <>
      {gbs.map((c) => (
        <section key={c.id} className="card gb-section" aria-label={t('拼团')} data-testid="group-buy-section">
          <div className="row-between">
            <div>
              <span className="gb-tag">{t('{n}人团', { n: c.groupSize })}</span>
              <Price fen={c.groupPrice} size={22} />
              <span className="muted gb-single">
                {t('单买价')} ¥{(c.skuPrice / 100).toFixed(2)}
              </span>
            </div>
            <Button
              color="danger"
              size="small"
              shape="rounded"
              onClick={() => void navigate(needLogin(`/group-buy/open/${c.id}`))}
              data-testid="open-group"
            >
              {t('发起拼团')}
            </Button>
          </div>
          <p className="muted gb-rule">
            {c.specText} ·{' '}
            {t('开团后 {h} 小时内凑齐 {n} 人成团，未成团自动全额退款', {
              h: Math.round(c.durationMinutes / 6) / 10,
              n: c.groupSize,
            })}
            {c.newUserSeats > 0 && ` · ${t('每团 {n} 个新人专享席位', { n: c.newUserSeats })}`}
          </p>
          {c.openGroups.length > 0 && (
            <ul className="gb-open-list" aria-label={t('可参加的团')}>
              {c.openGroups.map((g) => (
                <li key={g.id} className="gb-open-item">
                  <GroupAvatars group={g} size={28} />
                  <span className="grow">
                    <span className="gb-left">{t('还差 {n} 人', { n: g.seatsLeft })}</span>
                    {g.expiresAt && <FlashCountdown until={g.expiresAt} now={now} className="gb-countdown" />}
                  </span>
                  <Link to={`/group-buy/${g.id}`} className="gb-join-link" data-testid="join-existing-group">
                    {t('去参团')}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {bgs.map((c) => (
        <section key={c.id} className="card gb-section" aria-label={t('砍价')} data-testid="bargain-section">
          <div className="row-between">
            <div>
              <span className="gb-tag bargain">{t('砍价')}</span>
              {t('最低砍到')} <Price fen={c.floorPrice} size={20} />
            </div>
            {c.myBargainId ? (
              <Button size="small" shape="rounded" onClick={() => void navigate(`/bargain/${c.myBargainId}`)}>
                {t('查看我的砍价')}
              </Button>
            ) : (
              <Button
                color="warning"
                size="small"
                shape="rounded"
                loading={start.isPending}
                onClick={() => (me.data ? start.mutate(c.id) : void navigate(needLogin(`/product/${productId}`)))}
                data-testid="start-bargain"
              >
                {t('发起砍价')}
              </Button>
            )}
          </div>
          <p className="muted gb-rule">
            {c.specText} ·{' '}
            {t('邀请 {n} 位好友帮砍即可砍到底价，{h} 小时内下单有效', {
              n: c.helpsNeeded,
              h: Math.round(c.durationMinutes / 6) / 10,
            })}
          </p>
        </section>
      ))}
    </>
  );
}
