import { Alert } from 'antd';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useT } from '../../../i18n/index.tsx';
import { percent, useConcentrationAlerts } from './api.ts';

/** 供应商集中度提醒: one banner per product line where one supplier delivers more than 40 % (PRODUCT.md §10). */
export function ConcentrationBanner() {
  const t = useT();
  const merchantId = useMerchantId();
  const alerts = useConcentrationAlerts(merchantId);
  const open = (alerts.data ?? []).filter((a) => a.status === 'open');
  if (open.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="supply-concentration-banner"
      style={{ marginBottom: 16 }}
      message={t('供应商集中度过高')}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {open.map((a) => (
            <li key={a.id}>
              {t('「{category}」近 90 天到货中，{supplier} 占 {share}，超过 40%：建议引入第二供应商分散风险。', {
                category: a.categoryName,
                supplier: a.supplierName,
                share: percent(a.shareBp),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
