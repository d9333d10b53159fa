import { Button, Popup, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { GROUP_STATUS_LABEL, useGroup } from '../api/groupbuy.ts';
import { useMe } from '../api/session.ts';
import { GroupAvatars } from '../components/CampaignSection.tsx';
import '../components/CampaignSection.css';
import { FlashCountdown, useServerNow } from '../components/FlashCountdown.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';

/** A group's share page: progress, real members, countdown, the share poster, and join / pay. */
export default function GroupBuyPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const page = useGroup(id);
  const now = useServerNow();
  const [posterOpen, setPosterOpen] = useState(false);

  if (page.isPending)
    return (
      <div className="page">
        <PageHeader title={t('拼团')} />
        <DetailSkeleton />
      </div>
    );
  if (page.isError)
    return (
      <div className="page">
        <PageHeader title={t('拼团')} />
        <QueryError error={page.error} onRetry={() => void page.refetch()} />
      </div>
    );
  const { group, campaign, mySeat } = page.data;
  const shareUrl = `${window.location.origin}/group-buy/${group.id}`;
  const share = async () => {
    try {
      await navigator.clipboard.writeText(shareUrl);
      Toast.show({ content: t('链接已复制，发给好友一起拼') });
    } catch {
      Toast.show({ content: shareUrl });
    }
  };
  const joinable = group.status === 'open' && group.seatsLeft > 0 && !mySeat?.status.match(/reserved|paid/);
  const goJoin = () => {
    const to = `/group-buy/${group.id}/join`;
    void navigate(me.data ? to : `/login?redirect=${encodeURIComponent(to)}`);
  };

  return (
    <div className="page with-action-bar">
      <PageHeader title={t('拼团')} />
      <section className="card" data-testid="group-page">
        <div className="row" style={{ gap: 12 }}>
          {campaign.imageUrl && (
            <img
              src={campaign.imageUrl}
              alt={campaign.productTitle}
              width={88}
              height={88}
              style={{ borderRadius: 8, objectFit: 'cover' }}
            />
          )}
          <div className="grow">
            <p className="clamp-2" style={{ margin: 0 }}>
              {campaign.productTitle}
            </p>
            <p className="muted" style={{ margin: '4px 0' }}>
              {campaign.specText}
            </p>
            <span className="gb-tag">{t('{n}人团', { n: group.size })}</span>
            <Price fen={campaign.groupPrice} size={20} />
          </div>
        </div>
      </section>
      <section className="card" aria-live="polite">
        <p className="gb-status" data-testid="group-status">
          {t(GROUP_STATUS_LABEL[group.status])}
        </p>
        {group.status === 'open' && (
          <p style={{ margin: 0 }}>
            {t('还差 {n} 人成团', { n: group.size - group.paidCount })}
            {group.expiresAt && (
              <>
                {' '}
                · {t('剩余')} <FlashCountdown until={group.expiresAt} now={now} />
              </>
            )}
          </p>
        )}
        {group.status === 'failed' && (
          <p className="muted">{t('到时未凑齐，已为每位成员原路全额退款，优惠券和积分已退回')}</p>
        )}
        {group.status === 'succeeded' && <p className="muted">{t('已成团，商家将尽快发货')}</p>}
        <div
          className="gb-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={group.size}
          aria-valuenow={group.paidCount}
          aria-label={t('成团进度')}
        >
          <span style={{ width: `${(group.paidCount / group.size) * 100}%` }} />
        </div>
        <GroupAvatars group={group} size={44} />
        <p className="muted" style={{ fontSize: 12 }}>
          {t('头像为真实参团成员，灰色表示待付款')}
        </p>
        {mySeat && (
          <p data-testid="my-seat">
            {mySeat.status === 'reserved'
              ? t('你已占座，请在时限内付款')
              : mySeat.status === 'paid'
                ? t('你已参团')
                : mySeat.status === 'refunded' || mySeat.status === 'refunding'
                  ? t('你的付款已原路退回')
                  : t('你的席位已释放')}
          </p>
        )}
      </section>
      <div className="action-bar">
        <Button className="grow" shape="rounded" onClick={() => setPosterOpen(true)} data-testid="share-poster">
          {t('分享海报')}
        </Button>
        {mySeat?.status === 'reserved' ? (
          <Button
            className="grow"
            color="danger"
            shape="rounded"
            onClick={() => void navigate(`/pay/${mySeat.checkoutId}`)}
          >
            {t('去付款')}
          </Button>
        ) : mySeat?.status === 'paid' && group.status === 'open' ? (
          <Button className="grow" color="danger" shape="rounded" onClick={() => setPosterOpen(true)}>
            {t('邀请好友参团')}
          </Button>
        ) : mySeat?.status === 'paid' ? (
          <Button
            className="grow"
            color="danger"
            shape="rounded"
            onClick={() => void navigate(`/orders/${mySeat.orderId}`)}
          >
            {t('查看订单')}
          </Button>
        ) : joinable ? (
          <Button className="grow" color="danger" shape="rounded" onClick={goJoin} data-testid="join-group">
            {t('参团 ¥{price}', { price: (campaign.groupPrice / 100).toFixed(2) })}
          </Button>
        ) : (
          <Button
            className="grow"
            color="danger"
            shape="rounded"
            disabled={!campaign.live}
            onClick={() => void navigate(`/group-buy/open/${campaign.id}`)}
          >
            {t('我也开一个团')}
          </Button>
        )}
      </div>
      <Popup
        visible={posterOpen}
        onMaskClick={() => setPosterOpen(false)}
        bodyStyle={{ borderRadius: '12px 12px 0 0', padding: 16, maxHeight: '90vh', overflowY: 'auto' }}
      >
        <div role="dialog" aria-label={t('分享海报')}>
          <img
            className="gb-poster"
            src={`/api/v1/group-buy/groups/${group.id}/poster.svg`}
            alt={t('拼团分享海报，含二维码')}
          />
          <div className="gb-actions">
            <Button shape="rounded" onClick={() => void share()}>
              {t('复制链接')}
            </Button>
            <Button shape="rounded" onClick={() => setPosterOpen(false)}>
              {t('关闭')}
            </Button>
          </div>
          <p className="muted" style={{ fontSize: 12 }}>
            {t('长按海报保存到相册，或复制链接发给好友')}
          </p>
        </div>
      </Popup>
    </div>
  );
}
