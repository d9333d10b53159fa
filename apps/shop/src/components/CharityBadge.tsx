import { Link } from 'react-router';
import { useProductCharity } from '../api/charity.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import '../pages/Charity.css';

/** 公益商品 on the product page: what each item sold gives, linking to the project's public ledger. */
export function CharityBadge({ productId }: { productId: string }) {
  const t = useT();
  const pledge = useProductCharity(productId).data?.pledge;
  if (!pledge) return null;
  return (
    <Link to={`/charity/${pledge.projectId}`} className="card charity-badge" data-testid="charity-badge">
      <span className="tag charity-tag">{t('公益')}</span>
      <span className="grow">
        {t('每售出一件捐赠 ¥{amount} 给「{project}」', {
          amount: yuan(pledge.amountPerItem),
          project: pledge.projectTitle,
        })}
      </span>
      <span className="muted">{t('公益账本')} ›</span>
    </Link>
  );
}
