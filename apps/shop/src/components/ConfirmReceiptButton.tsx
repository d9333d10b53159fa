import { Button, Dialog, Toast } from 'antd-mobile';
import { useOrderActions } from '../api/orders.ts';
import { useT } from '../i18n/index.tsx';

/** 确认收货 with its confirmation dialog; the order list and the order detail both offer it. */
export function ConfirmReceiptButton({ orderId, size }: { orderId: string; size?: 'small' | 'middle' }) {
  const t = useT();
  const { confirmReceipt } = useOrderActions();
  return (
    <Button
      {...(size ? { size } : {})}
      shape="rounded"
      color="primary"
      loading={confirmReceipt.isPending}
      onClick={() =>
        void Dialog.confirm({
          content: t('确认已收到全部商品？确认后货款将结算给商家。'),
          confirmText: t('确认收货'),
          cancelText: t('取消'),
        }).then((yes) => {
          if (yes)
            confirmReceipt.mutate(orderId, {
              onSuccess: () => Toast.show({ icon: 'success', content: t('已确认收货') }),
            });
        })
      }
      data-testid="confirm-receipt"
    >
      {t('确认收货')}
    </Button>
  );
}
