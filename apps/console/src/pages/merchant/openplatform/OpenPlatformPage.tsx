import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { ApiKeysTab } from './ApiKeysTab.tsx';
import { DeveloperDocsTab } from './DeveloperDocsTab.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';

const TABS = ['keys', 'webhooks', 'docs'] as const;
type Tab = (typeof TABS)[number];

export default function OpenPlatformPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'keys';
  return (
    <>
      <PageHeader
        title={t('开放平台')}
        subtitle={t(
          '让 ERP、WMS、小程序等系统以本店身份调用接口，并在订单、商品、售后、评价变化时收到推送。仅店主可管理。',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'keys' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'keys', label: t('API 密钥'), children: <ApiKeysTab /> },
          { key: 'webhooks', label: 'Webhooks', children: <WebhooksTab /> },
          { key: 'docs', label: t('开发者文档'), children: <DeveloperDocsTab /> },
        ]}
      />
    </>
  );
}
