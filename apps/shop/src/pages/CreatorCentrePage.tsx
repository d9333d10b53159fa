import { useQuery } from '@tanstack/react-query';
import { Button, List, Tag } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { api, must } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import '../components/posts.css';
import { yuan } from '../lib/money.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';

/**
 * 创作者中心 (shop): each post's views, product clicks, paid orders and GMV credited to it by attribution, and the
 * creator's commission (distribution's) on those orders.
 */
export default function CreatorCentrePage() {
  const t = useT();
  const navigate = useNavigate();
  const formatTime = useFormatTime();
  const overview = useQuery({
    queryKey: ['creator', 'overview'],
    queryFn: () => must(api.GET('/api/v1/creator/overview')),
  });
  if (overview.isPending) return <ListSkeleton />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const { totals, posts, recentOrders } = overview.data;
  const statusText = { paid: t('已付款'), pending_payment: t('待付款'), voided: t('已取消/退款') } as const;
  return (
    <div className="page">
      <PageHeader
        title={t('创作者中心')}
        right={
          <Button
            size="mini"
            color="primary"
            style={{ whiteSpace: 'nowrap' }}
            onClick={() => void navigate('/posts/new')}
          >
            {t('发笔记')}
          </Button>
        }
      />
      <section
        className="card"
        style={{
          background: '#fff',
          margin: 8,
          borderRadius: 12,
          padding: 12,
          display: 'grid',
          gridTemplateColumns: 'repeat(3, 1fr)',
          gap: 8,
          textAlign: 'center',
        }}
        data-testid="creator-totals"
      >
        <div>
          <b>{totals.views}</b>
          <div className="muted">{t('浏览')}</div>
        </div>
        <div>
          <b>{totals.productClicks}</b>
          <div className="muted">{t('商品点击')}</div>
        </div>
        <div>
          <b>{totals.likes}</b>
          <div className="muted">{t('获赞')}</div>
        </div>
        <div>
          <b data-testid="creator-orders">{totals.orders}</b>
          <div className="muted">{t('成交订单')}</div>
        </div>
        <div>
          <Price fen={totals.gmv} size={16} />
          <div className="muted">{t('带货 GMV')}</div>
        </div>
        <div data-testid="creator-commission">
          <Price fen={totals.commission} size={16} />
          <div className="muted">{t('佣金')}</div>
        </div>
      </section>
      <List header={t('笔记数据')}>
        {posts.length === 0 ? (
          <EmptyState title={t('还没有发布笔记')} />
        ) : (
          posts.map((p) => (
            <List.Item
              key={p.id}
              onClick={() => void navigate(`/posts/${p.id}`)}
              description={t('浏览 {v} · 点击 {c} · 订单 {o} · 佣金 ¥{m}', {
                v: p.views,
                c: p.productClicks,
                o: p.orders,
                m: yuan(p.commission),
              })}
              extra={<Price fen={p.gmv} size={14} />}
              data-testid="creator-post"
            >
              {p.sponsored && (
                <Tag color="default" style={{ marginRight: 4 }}>
                  {t('广告')}
                </Tag>
              )}
              {p.title}
            </List.Item>
          ))
        )}
      </List>
      <List header={t('最近归因订单')}>
        {recentOrders.length === 0 ? (
          <EmptyState title={t('还没有通过你的笔记成交的订单')} />
        ) : (
          recentOrders.map((o) => (
            <List.Item
              key={o.lineId}
              description={`${formatTime(o.orderedAt)} · ${o.postTitle ?? ''}`}
              extra={<Price fen={o.payAmount} size={14} />}
              data-testid="creator-order"
            >
              <Link to={`/product/${o.productId}`} style={{ color: 'inherit' }}>
                {o.productTitle}
              </Link>{' '}
              <Tag>{statusText[o.status]}</Tag>
            </List.Item>
          ))
        )}
      </List>
    </div>
  );
}
