import { Button, Dialog, Toast } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { formatAddress, useAddresses } from '../api/addresses.ts';
import { problemTitle } from '../api/client.ts';
import { type MallItem, useMall, useMyPoints, useRedeem } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ProductGridSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Points.css';

/** 积分商城: goods for points, shipped by the platform to the shopper's default address. */
export default function PointsMallPage() {
  const t = useT();
  const navigate = useNavigate();
  const mall = useMall();
  const me = useMyPoints();
  const addresses = useAddresses();
  const redeem = useRedeem();
  const balance = me.data?.balance ?? 0;
  const address = addresses.data?.find((a) => a.isDefault) ?? addresses.data?.[0];

  const confirm = async (item: MallItem) => {
    const isCoupon = item.couponTemplateId !== null;
    if (!isCoupon && !address) {
      Toast.show({ content: t('请先添加收货地址') });
      void navigate('/me/addresses');
      return;
    }
    const go = await Dialog.confirm({
      title: t('确认兑换'),
      content: (
        <div>
          <p style={{ margin: 0 }}>
            {t('用 {points} 积分兑换「{title}」', { points: item.pointsCost, title: item.title })}
          </p>
          <p className="muted" style={{ margin: '6px 0 0' }}>
            {isCoupon || !address
              ? t('优惠券兑换后立即发放到「我的优惠券」')
              : t('寄往：{who} {where}', { who: address.recipient, where: formatAddress(address) })}
          </p>
        </div>
      ),
    });
    if (!go) return;
    redeem.mutate(
      { itemId: item.id, ...(isCoupon || !address ? {} : { addressId: address.id }) },
      {
        onSuccess: () =>
          Toast.show({
            icon: 'success',
            content: isCoupon ? t('兑换成功，优惠券已发放') : t('兑换成功，平台将尽快发货'),
          }),
        onError: (err) => Toast.show({ content: problemTitle(err) }),
      },
    );
  };

  return (
    <div className="page">
      <PageHeader
        title={t('积分商城')}
        backTo="/points"
        right={
          <Link to="/points/redemptions" className="link-more" style={{ whiteSpace: 'nowrap' }}>
            {t('兑换记录')}
          </Link>
        }
      />
      <p className="muted" style={{ margin: '10px 12px 0' }}>
        {t('当前积分 {n}', { n: balance })}
      </p>
      {mall.isPending ? (
        <ProductGridSkeleton count={4} />
      ) : mall.isError ? (
        <QueryError error={mall.error} onRetry={() => void mall.refetch()} />
      ) : mall.data.items.length === 0 ? (
        <EmptyState title={t('积分商城暂无商品')} />
      ) : (
        <ul className="mall-grid" data-testid="mall-items">
          {mall.data.items.map((item) => (
            <li key={item.id}>
              {item.imageUrl ? <img src={item.imageUrl} alt={item.title} /> : null}
              <div className="mall-body">
                <strong className="clamp-2">{item.title}</strong>
                <span className="muted clamp-2">{item.description}</span>
                <span className="mall-cost">{t('{points} 积分', { points: item.pointsCost })}</span>
                <span className="muted">
                  {t('剩余 {n} 件 · 每人限 {limit} 件', { n: item.stock, limit: item.perUserLimit })}
                </span>
                <Button
                  size="small"
                  color="primary"
                  shape="rounded"
                  disabled={item.stock === 0 || balance < item.pointsCost}
                  loading={redeem.isPending && redeem.variables?.itemId === item.id}
                  onClick={() => void confirm(item)}
                >
                  {item.stock === 0 ? t('已兑完') : balance < item.pointsCost ? t('积分不足') : t('立即兑换')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
