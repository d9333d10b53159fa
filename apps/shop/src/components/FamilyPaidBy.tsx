import { usePayRequests } from '../api/family.ts';
import { useT } from '../i18n/index.tsx';

/** In the order's info list: who paid it, when a family member or a 代付 link's holder did (the buyer did otherwise). */
export function FamilyPaidBy({ checkoutId }: { checkoutId: string }) {
  const t = useT();
  const requests = usePayRequests();
  const paid = requests.data?.mine.find((r) => r.checkoutId === checkoutId && r.status === 'paid');
  if (!paid?.payer) return null;
  return (
    <div data-testid="order-paid-by">
      <dt>{t('付款人')}</dt>
      <dd>
        {paid.kind === 'family'
          ? t('{name}（亲情付）', { name: paid.payer.nickname })
          : t('{name}（代付）', { name: paid.payer.nickname })}
      </dd>
    </div>
  );
}
