import { Card } from 'antd';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { PresaleTable } from './C2mPage.tsx';

/** 运营: every shop's pre-sale campaigns, their progress and outcome. */
export default function PlatformPresalesPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('C2M 预售活动')} subtitle={t('全平台众筹预售：进度、达标后的生产单、未达标的退款')} />
      <Card>
        <PresaleTable platform />
      </Card>
    </>
  );
}
