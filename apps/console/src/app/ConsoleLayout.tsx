import {
  CalendarOutlined,
  ApiOutlined,
  LineChartOutlined,
  CarOutlined,
  DesktopOutlined,
  FundOutlined,
  AlertOutlined,
  GiftOutlined,
  HeartOutlined,
  StarOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  LogoutOutlined,
  MessageOutlined,
  PercentageOutlined,
  ProfileOutlined,
  ExperimentOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
  ShopOutlined,
  ShoppingOutlined,
  ThunderboltOutlined,
  TeamOutlined,
  QrcodeOutlined,
  ReadOutlined,
  UnorderedListOutlined,
  UserOutlined,
  WalletOutlined,
  TagsOutlined,
  EditOutlined,
  FileSearchOutlined,
  IdcardOutlined,
  SearchOutlined,
  BookOutlined,
  FileTextOutlined,
  TrophyOutlined,
  SoundOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Layout, Menu, Segmented, Select, Space, Typography, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api, must } from '../api/client.ts';
import { useNotify } from '../components/feedback.ts';
import { useLang, useT, type Lang } from '../i18n/index.tsx';
import { MerchantScope } from './merchantScope.ts';
import { useMerchantNames, useOwnProfile } from './merchantNames.ts';
import { isOperator, isStaff, ME_KEY, useActingMerchant, useMe } from './session.ts';
import { mayOpenMerchant, useMembership } from './merchantAccess.tsx';
import { mayOpen, useStaffMe } from './staffAccess.tsx';

const { Header, Sider, Content } = Layout;

export function ConsoleLayout() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { data: me } = useMe();
  const [merchantId, chooseMerchant] = useActingMerchant(me);
  const { data: staff } = useStaffMe();
  const membership = useMembership();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const merchantIds = useMemo(() => me?.staff.map((s) => s.merchantId) ?? [], [me]);
  const publicNames = useMerchantNames(merchantIds);
  const profile = useOwnProfile(merchantId);
  const names = useMemo(() => {
    const all = new Map(publicNames);
    if (profile.data) all.set(profile.data.id, profile.data.name);
    return all;
  }, [publicNames, profile.data]);

  const logout = useMutation({
    mutationFn: () => must(api.POST('/api/v1/auth/logout')),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      void navigate('/login', { replace: true });
    },
    onError: notify.error,
  });

  const items = useMemo(() => {
    const groups: NonNullable<MenuProps['items']> = [];
    if (isStaff(me)) {
      groups.push({
        type: 'group',
        key: 'merchant',
        label: t('商家中心'),
        children: [
          {
            key: '/merchant/dashboard',
            icon: <DashboardOutlined />,
            label: <Link to="/merchant/dashboard">{t('经营概览')}</Link>,
          },
          {
            key: '/merchant/insights/funnel',
            icon: <FundOutlined />,
            label: <Link to="/merchant/insights/funnel">{t('用户分析')}</Link>,
          },
          {
            key: '/merchant/products',
            icon: <ShoppingOutlined />,
            label: <Link to="/merchant/products">{t('商品管理')}</Link>,
          },
          {
            key: '/merchant/product-moderation',
            icon: <AuditOutlined />,
            label: <Link to="/merchant/product-moderation">{t('商品审核')}</Link>,
          },
          {
            key: '/merchant/supply/suppliers',
            icon: <ApartmentOutlined />,
            label: <Link to="/merchant/supply/suppliers">{t('供应商')}</Link>,
          },
          {
            key: '/merchant/supply/purchase-orders',
            icon: <FileTextOutlined />,
            label: <Link to="/merchant/supply/purchase-orders">{t('采购单')}</Link>,
          },
          {
            key: '/merchant/supply/warehouses',
            icon: <ShopOutlined />,
            label: <Link to="/merchant/supply/warehouses">{t('仓库与库存')}</Link>,
          },
          {
            key: '/merchant/supply/forecast',
            icon: <LineChartOutlined />,
            label: <Link to="/merchant/supply/forecast">{t('销量预测与补货')}</Link>,
          },
          {
            key: '/merchant/orders',
            icon: <ProfileOutlined />,
            label: <Link to="/merchant/orders">{t('订单管理')}</Link>,
          },
          {
            key: '/merchant/shipping-templates',
            icon: <CarOutlined />,
            label: <Link to="/merchant/shipping-templates">{t('运费模板')}</Link>,
          },
          {
            key: '/merchant/data-sheets',
            icon: <CarOutlined />,
            label: <Link to="/merchant/data-sheets">{t('数据导入导出')}</Link>,
          },
          {
            key: '/merchant/after-sales',
            icon: <CustomerServiceOutlined />,
            label: <Link to="/merchant/after-sales">{t('售后处理')}</Link>,
          },
          {
            key: '/merchant/service',
            icon: <CustomerServiceOutlined />,
            label: <Link to="/merchant/service">{t('客服工作台')}</Link>,
          },
          {
            key: '/merchant/reviews',
            icon: <MessageOutlined />,
            label: <Link to="/merchant/reviews">{t('评价管理')}</Link>,
          },
          {
            key: '/merchant/lifecycle',
            icon: <HeartOutlined />,
            label: <Link to="/merchant/lifecycle">{t('老客运营')}</Link>,
          },
          {
            key: '/merchant/communities',
            icon: <CommentOutlined />,
            label: <Link to="/merchant/communities">{t('社群管理')}</Link>,
          },
          {
            key: '/merchant/flash-sales',
            icon: <ThunderboltOutlined />,
            label: <Link to="/merchant/flash-sales">{t('秒杀活动')}</Link>,
          },
          {
            key: '/merchant/live',
            icon: <VideoCameraOutlined />,
            label: <Link to="/merchant/live">{t('直播管理')}</Link>,
          },
          {
            key: '/merchant/c2m',
            icon: <TeamOutlined />,
            label: <Link to="/merchant/c2m">{t('C2M 反向定制')}</Link>,
          },
          {
            key: '/merchant/group-buys',
            icon: <TeamOutlined />,
            label: <Link to="/merchant/group-buys">{t('拼团 / 砍价')}</Link>,
          },
          {
            key: '/merchant/stores',
            icon: <ShopOutlined />,
            label: <Link to="/merchant/stores">{t('门店')}</Link>,
          },
          {
            key: '/merchant/redeem',
            icon: <QrcodeOutlined />,
            label: <Link to="/merchant/redeem">{t('核销')}</Link>,
          },
          {
            key: '/merchant/courses',
            icon: <ReadOutlined />,
            label: <Link to="/merchant/courses">{t('知识课程')}</Link>,
          },
          {
            key: '/merchant/coupons',
            icon: <TagsOutlined />,
            label: <Link to="/merchant/coupons">{t('店铺优惠券')}</Link>,
          },
          {
            key: '/merchant/deposit',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/merchant/deposit">{t('保证金与处罚')}</Link>,
          },
          {
            key: '/merchant/qualifications',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/merchant/qualifications">{t('资质管理')}</Link>,
          },
          {
            key: '/merchant/credit',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/merchant/credit">{t('信用分')}</Link>,
          },
          {
            key: '/merchant/complaints',
            icon: <AlertOutlined />,
            label: <Link to="/merchant/complaints">{t('顾客投诉')}</Link>,
          },
          {
            key: '/merchant/finance',
            icon: <WalletOutlined />,
            label: <Link to="/merchant/finance">{t('资金结算')}</Link>,
          },
          {
            key: '/merchant/commission-rules',
            icon: <PercentageOutlined />,
            label: <Link to="/merchant/commission-rules">{t('佣金规则')}</Link>,
          },
          {
            key: '/merchant/distribution',
            icon: <ShareAltOutlined />,
            label: <Link to="/merchant/distribution">{t('分销数据')}</Link>,
          },
          {
            key: '/merchant/partnerships',
            icon: <SoundOutlined />,
            label: <Link to="/merchant/partnerships">{t('品牌合作')}</Link>,
          },
          {
            key: '/merchant/open-platform',
            icon: <ApiOutlined />,
            label: <Link to="/merchant/open-platform">{t('开放平台')}</Link>,
          },
          {
            key: '/merchant/staff',
            icon: <IdcardOutlined />,
            label: <Link to="/merchant/staff">{t('店铺员工')}</Link>,
          },
          // 直播管理 stays: hosts and assistants of a session reach it whatever their shop role.
        ].filter((item) => item.key === '/merchant/live' || mayOpenMerchant(membership, item.key)),
      });
    }
    if (isOperator(me)) {
      groups.push({
        type: 'group',
        key: 'platform',
        label: t('平台运营'),
        children: [
          {
            key: '/platform/insights/realtime',
            icon: <DesktopOutlined />,
            label: <Link to="/platform/insights/realtime">{t('实时大屏')}</Link>,
          },
          {
            key: '/platform/insights/funnel',
            icon: <FundOutlined />,
            label: <Link to="/platform/insights/funnel">{t('用户分析')}</Link>,
          },
          {
            key: '/platform/insights/search',
            icon: <SearchOutlined />,
            label: <Link to="/platform/insights/search">{t('搜索洞察')}</Link>,
          },
          {
            key: '/platform/search-words',
            icon: <BookOutlined />,
            label: <Link to="/platform/search-words">{t('搜索词库')}</Link>,
          },
          {
            key: '/platform/merchants',
            icon: <ShopOutlined />,
            label: <Link to="/platform/merchants">{t('商家管理')}</Link>,
          },
          {
            key: '/platform/merchant-applications',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/platform/merchant-applications">{t('入驻审核')}</Link>,
          },
          {
            key: '/platform/qualification-renewals',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/platform/qualification-renewals">{t('资质续期审核')}</Link>,
          },
          {
            key: '/platform/complaints',
            icon: <AlertOutlined />,
            label: <Link to="/platform/complaints">{t('投诉处理')}</Link>,
          },
          {
            key: '/platform/compensation-claims',
            icon: <WalletOutlined />,
            label: <Link to="/platform/compensation-claims">{t('先行赔付')}</Link>,
          },
          {
            key: '/platform/authentication',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/platform/authentication">{t('鉴定中心')}</Link>,
          },
          {
            key: '/platform/patrol-findings',
            icon: <FileSearchOutlined />,
            label: <Link to="/platform/patrol-findings">{t('巡检结果')}</Link>,
          },
          {
            key: '/platform/insights/supply',
            icon: <ApartmentOutlined />,
            label: <Link to="/platform/insights/supply">{t('供应链风险')}</Link>,
          },
          {
            key: '/platform/alerts',
            icon: <AlertOutlined />,
            label: <Link to="/platform/alerts">{t('异常告警')}</Link>,
          },
          {
            key: '/platform/moderation',
            icon: <FileSearchOutlined />,
            label: <Link to="/platform/moderation">{t('内容审核')}</Link>,
          },
          {
            key: '/platform/ad-lexicon',
            icon: <BookOutlined />,
            label: <Link to="/platform/ad-lexicon">{t('广告法词库')}</Link>,
          },
          {
            key: '/platform/review-flags',
            icon: <StarOutlined />,
            label: <Link to="/platform/review-flags">{t('评价审核')}</Link>,
          },
          {
            key: '/platform/review-appeals',
            icon: <AuditOutlined />,
            label: <Link to="/platform/review-appeals">{t('评价申诉')}</Link>,
          },
          {
            key: '/platform/posts',
            icon: <FileTextOutlined />,
            label: <Link to="/platform/posts">{t('内容管理')}</Link>,
          },
          {
            key: '/platform/challenges',
            icon: <TrophyOutlined />,
            label: <Link to="/platform/challenges">{t('话题挑战赛')}</Link>,
          },
          {
            key: '/platform/orders',
            icon: <UnorderedListOutlined />,
            label: <Link to="/platform/orders">{t('全部订单')}</Link>,
          },
          {
            key: '/platform/after-sales',
            icon: <AuditOutlined />,
            label: <Link to="/platform/after-sales">{t('售后仲裁')}</Link>,
          },
          {
            key: '/platform/service',
            icon: <CustomerServiceOutlined />,
            label: <Link to="/platform/service">{t('平台客服')}</Link>,
          },
          {
            key: '/platform/coupons',
            icon: <TagsOutlined />,
            label: <Link to="/platform/coupons">{t('平台优惠券')}</Link>,
          },
          {
            key: '/platform/c2m',
            icon: <TeamOutlined />,
            label: <Link to="/platform/c2m">{t('C2M 预售活动')}</Link>,
          },
          {
            key: '/platform/group-buys',
            icon: <TeamOutlined />,
            label: <Link to="/platform/group-buys">{t('拼团 / 砍价')}</Link>,
          },
          {
            key: '/platform/experiments',
            icon: <ExperimentOutlined />,
            label: <Link to="/platform/experiments">{t('A/B 实验')}</Link>,
          },
          {
            key: '/platform/compensation-transfers',
            icon: <WalletOutlined />,
            label: <Link to="/platform/compensation-transfers">{t('赔付转账异常')}</Link>,
          },
          {
            key: '/platform/reconciliation',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/platform/reconciliation">{t('账务对账')}</Link>,
          },
          {
            key: '/platform/fission',
            icon: <ApartmentOutlined />,
            label: <Link to="/platform/fission">{t('裂变报表')}</Link>,
          },
          {
            key: '/platform/distribution',
            icon: <ShareAltOutlined />,
            label: <Link to="/platform/distribution">{t('全平台分销')}</Link>,
          },
          {
            key: '/platform/commission-rules',
            icon: <PercentageOutlined />,
            label: <Link to="/platform/commission-rules">{t('平台默认佣金')}</Link>,
          },
          {
            key: '/platform/lifecycle',
            icon: <TeamOutlined />,
            label: <Link to="/platform/lifecycle">{t('用户运营')}</Link>,
          },
          {
            key: '/platform/points',
            icon: <StarOutlined />,
            label: <Link to="/platform/points">{t('积分与会员')}</Link>,
          },
          {
            key: '/platform/member-day',
            icon: <CalendarOutlined />,
            label: <Link to="/platform/member-day">{t('会员日')}</Link>,
          },
          {
            key: '/platform/points-mall',
            icon: <GiftOutlined />,
            label: <Link to="/platform/points-mall">{t('积分商城')}</Link>,
          },
          {
            key: '/platform/charity',
            icon: <HeartOutlined />,
            label: <Link to="/platform/charity">{t('公益项目')}</Link>,
          },
          {
            key: '/platform/staff',
            icon: <TeamOutlined />,
            label: <Link to="/platform/staff">{t('员工与角色')}</Link>,
          },
          {
            key: '/platform/user-lookup',
            icon: <IdcardOutlined />,
            label: <Link to="/platform/user-lookup">{t('用户查询')}</Link>,
          },
          {
            key: '/platform/access-log',
            icon: <FileSearchOutlined />,
            label: <Link to="/platform/access-log">{t('访问记录')}</Link>,
          },
          {
            key: '/platform/open-platform',
            icon: <ApiOutlined />,
            label: <Link to="/platform/open-platform">{t('开放平台密钥')}</Link>,
          },
          {
            key: '/platform/two-step',
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/platform/two-step">{t('两步验证')}</Link>,
          },
        ].filter((item) => mayOpen(staff, item.key)),
      });
    }
    groups.push({
      type: 'group',
      key: 'creator',
      label: t('创作者'),
      children: [
        { key: '/creator', icon: <EditOutlined />, label: <Link to="/creator">{t('创作者中心')}</Link> },
        // Anyone signed in may apply to open a shop (or another one), and follows the review here.
        { key: '/apply', icon: <ShopOutlined />, label: <Link to="/apply">{t('商家入驻')}</Link> },
        // Hosts and assistants of a session who are not merchant staff reach their sessions here.
        ...(isStaff(me)
          ? []
          : [
              {
                key: '/merchant/live',
                icon: <VideoCameraOutlined />,
                label: <Link to="/merchant/live">{t('我的直播')}</Link>,
              },
            ]),
      ],
    });
    return groups;
  }, [me, staff, membership, t]);

  const selected = useMemo(() => {
    const keys = items.flatMap((g) =>
      g && 'children' in g && g.children ? g.children.map((c) => String(c?.key)) : [],
    );
    const match = keys
      .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0];
    return match ? [match] : [];
  }, [items, location.pathname]);

  const userMenu: MenuProps = {
    items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('退出登录'), danger: true }],
    onClick: ({ key }) => {
      if (key === 'logout') logout.mutate();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={216} theme="light" breakpoint="lg" collapsedWidth={64} style={{ borderRight: '1px solid #f0f0f0' }}>
        <Link to="/" className="console-brand">
          <span className="console-brand-mark" aria-hidden="true">
            好
          </span>
          <span className="console-brand-text">{t('好物后台')}</span>
        </Link>
        <nav aria-label={t('主菜单')}>
          <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 'none' }} />
        </nav>
      </Sider>
      <Layout>
        <Header className="console-header">
          <div>
            {merchantIds.length > 1 && merchantId ? (
              <Select
                aria-label={t('当前商家')}
                value={merchantId}
                style={{ minWidth: 220 }}
                onChange={(id) => {
                  chooseMerchant(id);
                  if (!location.pathname.startsWith('/merchant/')) return;
                  void navigate(location.pathname.split('/').slice(0, 3).join('/'));
                }}
                options={merchantIds.map((id) => ({ value: id, label: names.get(id) ?? id }))}
              />
            ) : merchantId ? (
              <Typography.Text>
                <ShopOutlined aria-hidden="true" /> {names.get(merchantId) ?? merchantId}
              </Typography.Text>
            ) : null}
          </div>
          <Space size="middle">
            <Segmented<Lang>
              aria-label={t('界面语言')}
              size="small"
              value={lang}
              onChange={(v) => setLang(v)}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en-US', label: 'EN' },
              ]}
            />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} data-testid="account-menu">
                {me?.nickname}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="console-content">
          {profile.data?.status === 'suspended' && location.pathname.startsWith('/merchant/') ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('店铺已被平台暂停营业')}
              description={t('店铺和商品对买家隐藏，不能上架商品；已有订单和售后仍需处理。如有疑问请联系平台运营。')}
            />
          ) : null}
          <MerchantScope value={merchantId}>
            <Outlet />
          </MerchantScope>
        </Content>
      </Layout>
    </Layout>
  );
}
