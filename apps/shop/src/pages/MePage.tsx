import { Avatar, Button } from 'antd-mobile';
import {
  ClockCircleOutline,
  EnvironmentOutline,
  GlobalOutline,
  ReceiptOutline,
  SetOutline,
  CheckShieldOutline,
  StarOutline,
  TruckOutline,
  UndoOutline,
  CheckCircleOutline,
  HandPayCircleOutline,
  TeamOutline,
  TagOutline,
  PayCircleOutline,
  UserAddOutline,
  GiftOutline,
  LikeOutline,
  LockOutline,
  MessageOutline,
  HeartOutline,
} from 'antd-mobile-icons';
import { Link, useNavigate } from 'react-router';
import { usePrivacyNotice } from '../api/privacy.ts';
import { useCareMode } from '../api/careMode.ts';
import { useMe } from '../api/session.ts';
import { FlashIcon } from '../components/FlashIcon.tsx';
import { useOpenService } from '../components/ContactService.tsx';
import { MenuList } from '../components/MenuList.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useLang, useT, type MessageKey } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import './MePage.css';

/** 关怀模式 keeps the everyday entries only: orders, address, after-sales, service, settings, privacy. */
const CARE_ENTRIES = new Set(['orders', 'addresses', 'after-sales', 'service', 'privacy', 'settings']);

const orderShortcuts: { tab: string; label: MessageKey; icon: React.ReactNode }[] = [
  { tab: 'pending_payment', label: '待付款', icon: <HandPayCircleOutline aria-hidden /> },
  { tab: 'paid', label: '待发货', icon: <ClockCircleOutline aria-hidden /> },
  { tab: 'shipped', label: '待收货', icon: <TruckOutline aria-hidden /> },
  { tab: 'completed', label: '已完成', icon: <CheckCircleOutline aria-hidden /> },
  { tab: 'after_sale', label: '售后', icon: <UndoOutline aria-hidden /> },
];

export default function MePage() {
  const t = useT();
  const navigate = useNavigate();
  const { lang, setLang } = useLang();
  const me = useMe();
  const privacyNotice = usePrivacyNotice(Boolean(me.data));
  const service = useOpenService();
  const care = useCareMode().enabled;

  if (me.isPending) {
    return (
      <div className="page with-tabbar">
        <ListSkeleton rows={3} />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="page with-tabbar">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  const user = me.data;

  return (
    <div className="page with-tabbar me-page">
      <h1 className="sr-only">{t('我的')}</h1>
      <section className="me-hero">
        {user ? (
          <div className="row">
            <Avatar src={user.avatarUrl ?? ''} alt={t('头像')} style={{ '--size': '60px', '--border-radius': '50%' }} />
            <div className="grow">
              <p className="me-name" data-testid="me-nickname">
                {user.nickname}
              </p>
              <p className="me-phone">{maskPhone(user.phone)}</p>
            </div>
          </div>
        ) : (
          <div className="row">
            <Avatar src="" alt={t('未登录')} style={{ '--size': '60px', '--border-radius': '50%' }} />
            <div className="grow">
              <p className="me-name">{t('登录好物，发现更多好东西')}</p>
            </div>
            <Button
              size="small"
              shape="rounded"
              onClick={() => void navigate('/login?redirect=/me')}
              data-testid="me-login"
            >
              {t('登录 / 注册')}
            </Button>
          </div>
        )}
      </section>

      <section className="card me-orders" aria-labelledby="me-orders-title">
        <div className="row-between">
          <h2 id="me-orders-title" className="section-title" style={{ margin: 0 }}>
            {t('我的订单')}
          </h2>
          <Link to="/orders" className="link-more">
            {t('全部订单')} ›
          </Link>
        </div>
        <ul className="me-order-grid">
          {orderShortcuts.map((s) => (
            <li key={s.tab}>
              <Link to={s.tab === 'after_sale' ? '/after-sales' : `/orders?tab=${s.tab}`}>
                <span className="me-order-icon">{s.icon}</span>
                <span>{t(s.label)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {privacyNotice && (
        <Link to="/me/privacy" className="card me-privacy-notice" data-testid="me-privacy-notice" role="status">
          {privacyNotice === 'cancellation'
            ? t('账号注销中，冷静期内可撤销注销 ›')
            : t('隐私政策已更新，请查看并重新同意 ›')}
        </Link>
      )}

      <MenuList
        items={[
          { key: 'orders', icon: <ReceiptOutline aria-hidden />, label: t('全部订单'), to: '/orders' },
          {
            key: 'addresses',
            icon: <EnvironmentOutline aria-hidden />,
            label: t('收货地址'),
            to: '/me/addresses',
            testId: 'me-addresses',
          },
          { key: 'after-sales', icon: <UndoOutline aria-hidden />, label: t('退款 / 售后'), to: '/after-sales' },
          {
            key: 'service',
            icon: <MessageOutline aria-hidden />,
            label: t('联系客服'),
            onClick: () => void service.open({ source: 'me' }),
            testId: 'me-service',
          },
          {
            key: 'points',
            icon: <StarOutline aria-hidden />,
            label: t('积分中心'),
            to: '/points',
            testId: 'me-points',
          },
          {
            key: 'membership',
            icon: <StarOutline aria-hidden />,
            label: t('会员中心'),
            to: '/membership',
            testId: 'me-membership',
          },
          {
            key: 'coupons',
            icon: <GiftOutline aria-hidden />,
            label: t('我的优惠券'),
            to: '/me/coupons',
            testId: 'me-coupons',
          },
          { key: 'coupon-center', icon: <GiftOutline aria-hidden />, label: t('领券中心'), to: '/coupons' },
          { key: 'to-review', icon: <StarOutline aria-hidden />, label: t('评价晒单'), to: '/orders?tab=completed' },
          {
            key: 'my-reviews',
            icon: <StarOutline aria-hidden />,
            label: t('我的评价'),
            to: '/me/reviews',
            testId: 'me-reviews',
          },
          {
            key: 'transparency',
            icon: <CheckShieldOutline aria-hidden />,
            label: t('透明度'),
            to: '/transparency',
            testId: 'me-transparency',
          },
          {
            key: 'communities',
            icon: <TeamOutline aria-hidden />,
            label: t('我的社群'),
            to: '/me/communities',
            testId: 'me-communities',
          },
          {
            key: 'group-buys',
            icon: <TeamOutline aria-hidden />,
            label: t('我的拼团'),
            to: '/me/group-buys',
            testId: 'me-group-buys',
          },
          {
            key: 'bargains',
            icon: <TagOutline aria-hidden />,
            label: t('我的砍价'),
            to: '/me/bargains',
            testId: 'me-bargains',
          },
          { key: 'flash', icon: <FlashIcon />, label: t('我的秒杀'), to: '/me/flash', testId: 'me-flash' },
          {
            key: 'family',
            icon: <HeartOutline aria-hidden />,
            label: t('亲情付'),
            to: '/me/family',
            testId: 'me-family',
          },
          {
            key: 'invite',
            icon: <UserAddOutline aria-hidden />,
            label: t('邀请有礼'),
            to: '/me/invite',
            testId: 'me-invite',
          },
          {
            key: 'promoter',
            icon: <PayCircleOutline aria-hidden />,
            label: t('推广中心'),
            to: '/me/promoter',
            testId: 'me-promoter',
          },
          {
            key: 'lang',
            icon: <GlobalOutline aria-hidden />,
            label: t('语言 / Language'),
            extra: lang === 'en-US' ? 'English' : '简体中文',
            onClick: () => setLang(lang === 'en-US' ? 'zh-CN' : 'en-US'),
            testId: 'lang-toggle',
          },
          ...(user
            ? [
                {
                  key: 'recommendations',
                  icon: <LikeOutline aria-hidden />,
                  label: t('推荐设置'),
                  to: '/me/recommendations',
                  testId: 'me-recommendations',
                },
                {
                  key: 'privacy',
                  icon: <LockOutline aria-hidden />,
                  label: t('隐私中心'),
                  to: '/me/privacy',
                  testId: 'me-privacy',
                },
                {
                  key: 'settings',
                  icon: <SetOutline aria-hidden />,
                  label: t('账号设置'),
                  to: '/me/settings',
                  testId: 'me-settings',
                },
              ]
            : []),
        ].filter((item) => !care || CARE_ENTRIES.has(item.key))}
      />
    </div>
  );
}
