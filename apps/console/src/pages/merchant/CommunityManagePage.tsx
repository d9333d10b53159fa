import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Skeleton, Tabs } from 'antd';
import { Link, useParams } from 'react-router';
import { api, must, problemTitle } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ADMISSION_LABEL } from './community/api.ts';
import { Applications, Meetups } from './community/Activities.tsx';
import { PushCalendarPanel } from './community/PushCalendarPanel.tsx';
import { ScrmMembers } from './community/ScrmMembers.tsx';
import { SegmentComposer } from './community/SegmentComposer.tsx';

/** One community: members and their SCRM files, the weekly push calendar, segment messages, meetups, applications. */
export default function CommunityManagePage() {
  const t = useT();
  const { communityId = '' } = useParams();
  const detail = useQuery({
    queryKey: ['community', communityId, 'detail'],
    queryFn: () => must(api.GET('/api/v1/communities/{id}', { params: { path: { id: communityId } } })),
  });
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.isError) return <Alert type="error" showIcon title={problemTitle(detail.error)} />;
  const c = detail.data;
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={c.description}
        extra={
          <Link to="/merchant/communities">
            <Button>{t('返回社群列表')}</Button>
          </Link>
        }
      />
      <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('成员')}>{c.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t('群数')}>{c.groups.length}</Descriptions.Item>
        <Descriptions.Item label={t('入群规则')}>{t(ADMISSION_LABEL[c.admission])}</Descriptions.Item>
        <Descriptions.Item label={t('每群上限')}>500</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'members', label: t('成员 SCRM'), children: <ScrmMembers communityId={c.id} /> },
          { key: 'calendar', label: t('公告与推送日历'), children: <PushCalendarPanel communityId={c.id} /> },
          { key: 'segment', label: t('分组消息'), children: <SegmentComposer communityId={c.id} /> },
          { key: 'meetups', label: t('线下活动'), children: <Meetups communityId={c.id} /> },
          { key: 'applications', label: t('入群申请'), children: <Applications communityId={c.id} /> },
        ]}
      />
    </>
  );
}
