import { Button, Dialog, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { absoluteUrl, copyText, useCreateAffiliateLink } from '../api/distribution.ts';
import { useMe } from '../api/session.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

/** 分享赚 on the product page: makes (or fetches) the shopper's affiliate link for this product and offers to copy it. */
export function ShareEarn({ productId }: { productId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateAffiliateLink();

  const open = () => {
    if (!me.data) {
      void navigate(`/login?redirect=${encodeURIComponent(`/product/${productId}`)}`);
      return;
    }
    create.mutate(productId, {
      onError: (err) => Toast.show({ content: problemTitle(err) }),
      onSuccess: (link) => {
        const url = absoluteUrl(link.path);
        void Dialog.confirm({
          title: t('分享赚'),
          content: (
            <div>
              <p>
                {t('好友通过你的链接 7 天内下单，你可得佣金 {rate}%（每件约 ¥{n}），确认收货并过退货期后结算。', {
                  rate: (link.rateBp / 100).toFixed(1),
                  n: yuan(link.estimatedCommission),
                })}
              </p>
              <p className="muted" style={{ wordBreak: 'break-all' }} data-testid="affiliate-link">
                {url}
              </p>
              <p className="muted">{t('自己通过链接购买不计佣金。')}</p>
            </div>
          ),
          confirmText: t('复制链接'),
          cancelText: t('关闭'),
          onConfirm: async () => {
            Toast.show({ content: (await copyText(url)) ? t('已复制') : t('复制失败，请长按手动复制') });
          },
        });
      },
    });
  };

  return (
    <Button
      size="mini"
      color="primary"
      fill="outline"
      shape="rounded"
      loading={create.isPending}
      onClick={open}
      data-testid="share-earn"
    >
      {t('分享赚')}
    </Button>
  );
}
