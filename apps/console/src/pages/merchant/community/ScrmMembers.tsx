import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import {
  ROLE_LABEL,
  type ScrmMember,
  type Tier,
  TIER_LABEL,
  TIMELINE_LABEL,
  useCommunityRefresh,
  useMemberProfile,
  useUpdateMember,
} from './api.ts';

/** Members filtered by tier or tag; a row opens the member's private-domain file. */
export function ScrmMembers({ communityId }: { communityId: string }) {
  const t = useT();
  const [tier, setTier] = useState<Tier | undefined>();
  const [tag, setTag] = useState('');
  const [open, setOpen] = useState<string | undefined>();
  const list = useCursorList(['community', communityId, 'members', tier, tag], (cursor) =>
    must(
      api.GET('/api/v1/communities/{id}/scrm/members', {
        params: {
          path: { id: communityId },
          query: { limit: 20, ...(tier ? { tier } : {}), ...(tag ? { tag } : {}), ...(cursor ? { cursor } : {}) },
        },
      }),
    ),
  );
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('按等级筛选')}
          style={{ width: 160 }}
          value={tier}
          onChange={setTier}
          options={(Object.keys(TIER_LABEL) as Tier[]).map((k) => ({ value: k, label: t(TIER_LABEL[k]) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('按标签筛选')}
          style={{ width: 200 }}
          onSearch={(v) => setTag(v.trim())}
        />
      </Flex>
      <CursorTable<ScrmMember>
        list={list}
        caption={t('社群成员')}
        empty={t('还没有成员')}
        rowKey="userId"
        onRow={(m) => ({ onClick: () => setOpen(m.userId), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('昵称'),
            dataIndex: 'nickname',
            render: (v: string, m) => (
              <Button type="link" onClick={() => setOpen(m.userId)}>
                {v}
              </Button>
            ),
          },
          {
            title: t('等级'),
            dataIndex: 'tier',
            render: (v: Tier) => <Tag color={v === 'regular' ? undefined : 'gold'}>{t(TIER_LABEL[v])}</Tag>,
          },
          { title: t('角色'), dataIndex: 'role', render: (v: ScrmMember['role']) => t(ROLE_LABEL[v]) },
          { title: t('所在群'), dataIndex: 'groupSeq', render: (v: number) => t('{n} 群', { n: v }) },
          { title: t('标签'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
          {
            title: t('营销授权'),
            dataIndex: 'marketingConsent',
            render: (v: boolean) => (v ? t('已同意') : t('未同意')),
          },
          { title: t('加入时间'), dataIndex: 'joinedAt', render: (v: string) => dateTime(v) },
        ]}
      />
      <MemberDrawer communityId={communityId} userId={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function MemberDrawer({
  communityId,
  userId,
  onClose,
}: {
  communityId: string;
  userId: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const profile = useMemberProfile(communityId, userId);
  const refresh = useCommunityRefresh(communityId);
  const update = useUpdateMember(communityId);
  const [note, setNote] = useState('');
  const saveTags = useMutation({
    mutationFn: (tags: string[]) =>
      must(
        api.PUT('/api/v1/communities/{id}/scrm/members/{userId}/tags', {
          params: { path: { id: communityId, userId: userId! } },
          body: { tags },
        }),
      ),
    onSuccess: refresh,
    onError: notify.error,
  });
  const addNote = useMutation({
    mutationFn: (body: string) =>
      must(
        api.POST('/api/v1/communities/{id}/scrm/members/{userId}/notes', {
          params: { path: { id: communityId, userId: userId! } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      setNote('');
      refresh();
    },
    onError: notify.error,
  });
  const p = profile.data;
  return (
    <Drawer open={!!userId} onClose={onClose} width={520} title={p ? p.nickname : t('成员档案')} destroyOnHidden>
      {profile.isPending ? (
        <Skeleton active />
      ) : profile.isError ? (
        <Alert type="error" showIcon title={problemTitle(profile.error)} />
      ) : p ? (
        <Flex vertical gap={16} data-testid="member-profile">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('状态')}>{p.active ? t('在群') : t('已退出')}</Descriptions.Item>
            <Descriptions.Item label={t('营销授权')}>
              {p.marketingConsent ? t('已同意') : t('未同意')}
            </Descriptions.Item>
            <Descriptions.Item label={t('加入时间')}>{dateTime(p.joinedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('角色')}>{t(ROLE_LABEL[p.role])}</Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Typography.Text>{t('等级')}</Typography.Text>
            <Select<Tier>
              value={p.tier}
              style={{ width: 140 }}
              disabled={!p.active}
              onChange={(tier) => update.mutate({ userId: p.userId, tier }, { onError: notify.error })}
              options={(Object.keys(TIER_LABEL) as Tier[]).map((k) => ({ value: k, label: t(TIER_LABEL[k]) }))}
            />
            <Typography.Text>{t('角色')}</Typography.Text>
            <Select<ScrmMember['role']>
              value={p.role}
              style={{ width: 120 }}
              disabled={!p.active}
              onChange={(role) => update.mutate({ userId: p.userId, role }, { onError: notify.error })}
              options={(Object.keys(ROLE_LABEL) as ScrmMember['role'][]).map((k) => ({
                value: k,
                label: t(ROLE_LABEL[k]),
              }))}
            />
          </Space>
          <div>
            <Typography.Title level={5}>{t('标签')}</Typography.Title>
            <Select
              mode="tags"
              style={{ width: '100%' }}
              value={p.tags}
              onChange={(tags: string[]) => saveTags.mutate(tags)}
              placeholder={t('输入标签后回车')}
              aria-label={t('标签')}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('服务备注')}</Typography.Title>
            <Form onFinish={() => note.trim() && addNote.mutate(note.trim())}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={500}
                  placeholder={t('记录 1 对 1 服务要点')}
                />
                <Button type="primary" htmlType="submit" loading={addNote.isPending}>
                  {t('添加')}
                </Button>
              </Space.Compact>
            </Form>
            <List
              size="small"
              dataSource={p.notes}
              locale={{ emptyText: t('暂无备注') }}
              renderItem={(n) => <List.Item>{`${n.body} —— ${n.author} · ${dateTime(n.createdAt)}`}</List.Item>}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('私域行为时间线')}</Typography.Title>
            <Timeline
              items={p.timeline.items.map((e) => ({
                children: (
                  <>
                    <Tag>{t(TIMELINE_LABEL[e.kind])}</Tag>
                    {e.detail}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {dateTime(e.at)}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
