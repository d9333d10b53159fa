import { AfterSaleList } from '../components/AfterSaleList.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';

export default function AfterSaleListPage() {
  const t = useT();
  return (
    <div className="page">
      <PageHeader title={t('退款 / 售后')} backTo="/me" />
      <AfterSaleList />
    </div>
  );
}
