import { Tabs } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { FunnelPanel } from './FunnelPanel.tsx';
import { RetentionPanel } from './RetentionPanel.tsx';
import { RfmPanel } from './RfmPanel.tsx';
import type { Audience } from './useInsights.ts';

type Tab = 'funnel' | 'retention' | 'rfm';

/** 用户分析: funnel, retention/repurchase and RFM — the platform's, or the caller's own shop's. */
export default function AnalysisPage({ audience, tab }: { audience: Audience; tab: Tab }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={audience === 'platform' ? t('用户分析（全平台）') : t('用户分析（本店）')}
        subtitle={t('基于行为事件统计，数据约有几秒延迟；人数按用户（未登录按设备）去重。')}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => void navigate(`/${audience}/insights/${k}`)}
        items={[
          { key: 'funnel', label: t('漏斗'), children: tab === 'funnel' ? <FunnelPanel audience={audience} /> : null },
          {
            key: 'retention',
            label: t('留存与复购'),
            children: tab === 'retention' ? <RetentionPanel audience={audience} /> : null,
          },
          { key: 'rfm', label: t('RFM 分层'), children: tab === 'rfm' ? <RfmPanel audience={audience} /> : null },
        ]}
      />
    </>
  );
}
