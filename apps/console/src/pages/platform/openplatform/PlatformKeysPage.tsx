import { Alert, Card, Skeleton, Space, Tabs, Tag, Tooltip } from 'antd';
import { useSearchParams } from 'react-router';
import { problemTitle } from '../../../api/client.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { Code, ScopeEndpoints, SigningCard } from '../../merchant/openplatform/DeveloperDocsTab.tsx';
import { curlExample, typescriptExample } from '../../merchant/openplatform/snippets.ts';
import { PERMISSION_LABELS } from '../staff/labels.ts';
import { usePlatformDocs } from './data.ts';
import { PlatformKeysTab } from './PlatformKeysTab.tsx';

function PlatformDocsTab() {
  const t = useT();
  const docs = usePlatformDocs();
  if (docs.isPending) return <Skeleton active />;
  if (docs.isError) return <Alert type="error" showIcon title={problemTitle(docs.error)} />;
  const origin = window.location.origin;
  const d = docs.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="platform-developer-docs">
      <SigningCard headers={d.signing.headers} windowSeconds={d.signing.windowSeconds} />
      <Card size="small" title={t('各权限范围可调用的接口')}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {d.scopes.map((s) => (
            <ScopeEndpoints
              key={s.scope}
              scope={s.scope}
              label={s.label}
              endpoints={s.endpoints}
              extra={
                <Tooltip title={t('创建含此范围的密钥须拥有该员工权限')}>
                  <Tag>{t(PERMISSION_LABELS[s.permission])}</Tag>
                </Tooltip>
              }
            />
          ))}
        </Space>
      </Card>
      <Card size="small" title={t('调用示例')}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Code label="curl" text={curlExample(origin, 'hk_…', '/api/v1/admin/orders?limit=20')} />
          <Code
            label="TypeScript (Node.js)"
            text={typescriptExample(
              origin,
              'hk_…',
              "// 例：实时大屏数据\n// const screen = await haowu('GET', '/api/v1/platform/insights/realtime');",
            )}
          />
        </Space>
      </Card>
    </Space>
  );
}

const TABS = ['keys', 'docs'] as const;
type Tab = (typeof TABS)[number];

export default function PlatformKeysPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'keys';
  return (
    <>
      <PageHeader
        title={t('开放平台密钥')}
        subtitle={t(
          '让 BI、数据大屏、风控等系统以平台身份只读调用运营接口。密钥只能调用所选范围内的接口，且只能授予你自己拥有的权限；创建人失去权限后，密钥随之失去。',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'keys' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'keys', label: t('API 密钥'), children: <PlatformKeysTab /> },
          { key: 'docs', label: t('开发者文档'), children: <PlatformDocsTab /> },
        ]}
      />
    </>
  );
}
