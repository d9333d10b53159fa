import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { useCategories } from '../shared/categories.ts';
import { EntryModal } from './ad-lexicon/EntryModal.tsx';
import { HistoryDrawer } from './ad-lexicon/HistoryDrawer.tsx';
import { ACTION_LABEL, editable, type Entry, RULE_CATEGORIES } from './ad-lexicon/shared.ts';

type Filter = { q: string; category?: Entry['category']; action?: Entry['action']; enabled?: 'true' | 'false' };

/** 广告法词库: the terms and patterns product copy, reviews, posts and live titles are scanned with. */
export default function AdLexiconPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { names } = useCategories();
  const [filter, setFilter] = useState<Filter>({ q: '', enabled: 'true' });
  const [editing, setEditing] = useState<Entry | null | undefined>(undefined);
  const [historyOf, setHistoryOf] = useState<string | null | undefined>(undefined);
  const list = useQuery({
    queryKey: ['platform', 'ad-lexicon', filter],
    queryFn: () =>
      must(
        api.GET('/api/v1/admin/ad-lexicon', {
          params: { query: { ...filter, q: filter.q || undefined } },
        }),
      ),
  });
  const patch = useMutation({
    mutationFn: (v: { id: string; body: Partial<ReturnType<typeof editable>> }) =>
      must(api.PATCH('/api/v1/admin/ad-lexicon/{id}', { params: { path: { id: v.id } }, body: v.body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['platform', 'ad-lexicon'] }),
  });

  /** After a change, offers to put the entry back as it was (which is one more version). */
  const offerUndo = (before: Entry, version: number, done: string) => {
    const key = `undo-${before.id}`;
    void message.success({
      key,
      duration: 8,
      content: (
        <span>
          {done} · {t('第 {version} 版', { version })}{' '}
          <Button
            size="small"
            type="link"
            data-testid="ad-lexicon-undo"
            onClick={() => {
              message.destroy(key);
              void patch.mutateAsync({ id: before.id, body: editable(before) });
            }}
          >
            {t('撤销')}
          </Button>
        </span>
      ),
    });
  };

  const scopeText = (e: Entry) =>
    e.scope === 'all'
      ? t('全部类目')
      : `${e.scope === 'only' ? t('仅') : t('除')} ${e.categoryIds.map((id) => names.get(id) ?? id).join('、')}`;

  const columns: TableColumnsType<Entry> = [
    {
      title: t('词语或规则'),
      key: 'text',
      width: 340,
      render: (_, e) => (
        <Space direction="vertical" size={0} style={{ width: 320 }}>
          <Typography.Text
            code={e.kind === 'pattern'}
            ellipsis={{ tooltip: e.text }}
            style={{ maxWidth: 320, display: 'inline-block' }}
          >
            {e.text}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: e.title }} style={{ maxWidth: 320 }}>
            {e.title}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('类别'),
      dataIndex: 'categoryLabel',
      width: 150,
      render: (label: string, e) => (
        <Space size={4} wrap>
          {label}
          {e.builtIn ? <Tag>{t('内置')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('命中后'),
      dataIndex: 'action',
      width: 96,
      render: (a: Entry['action']) => <Tag color={a === 'block' ? 'red' : 'orange'}>{t(ACTION_LABEL[a])}</Tag>,
    },
    { title: t('适用范围'), key: 'scope', width: 200, ellipsis: true, render: (_, e) => scopeText(e) },
    { title: t('依据条款'), dataIndex: 'article', width: 180, ellipsis: true },
    {
      title: t('建议改写'),
      dataIndex: 'rewrite',
      width: 110,
      render: (r: string | null) => (r === null ? t('按内置规则') : r === '' ? t('删除') : r),
    },
    {
      title: t('操作'),
      key: 'ops',
      width: 190,
      fixed: 'right',
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(e)}>
            {t('编辑')}
          </Button>
          <Button
            type="link"
            size="small"
            danger={e.enabled}
            data-testid="ad-lexicon-toggle"
            onClick={() =>
              void patch
                .mutateAsync({ id: e.id, body: { enabled: !e.enabled } })
                .then((r) => offerUndo(e, r.version, e.enabled ? t('已停用') : t('已启用')))
            }
          >
            {e.enabled ? t('停用') : t('启用')}
          </Button>
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistoryOf(e.id)}>
            {t('记录')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('广告法词库')}
        subtitle={
          list.data
            ? t('当前第 {version} 版 · 修改后一秒内对商品、评价、帖子和直播的扫描生效', { version: list.data.version })
            : undefined
        }
        extra={
          <Space>
            <Button icon={<HistoryOutlined />} onClick={() => setHistoryOf(null)}>
              {t('版本记录')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('新增词条')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('搜索词语、说明或条款')}
            style={{ width: 260 }}
            onSearch={(q) => setFilter({ ...filter, q })}
            data-testid="ad-lexicon-search"
          />
          <Select
            allowClear
            placeholder={t('类别')}
            style={{ width: 220 }}
            value={filter.category}
            onChange={(category) => setFilter({ ...filter, category })}
            options={RULE_CATEGORIES.map(([value, label]) => ({ value, label: t(label) }))}
          />
          <Select
            allowClear
            placeholder={t('命中后')}
            style={{ width: 140 }}
            value={filter.action}
            onChange={(action) => setFilter({ ...filter, action })}
            options={[
              { value: 'block', label: t('拦截') },
              { value: 'review', label: t('人工审核') },
            ]}
          />
          <Select
            style={{ width: 120 }}
            value={filter.enabled ?? 'all'}
            onChange={(v) => setFilter({ ...filter, enabled: v === 'all' ? undefined : (v as 'true' | 'false') })}
            options={[
              { value: 'true', label: t('启用中') },
              { value: 'false', label: t('已停用') },
              { value: 'all', label: t('全部') },
            ]}
          />
        </Flex>
        <ProblemAlert error={list.error ?? patch.error} />
        <Table<Entry>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1300 }}
          data-testid="ad-lexicon-table"
        />
      </Card>
      <EntryModal
        entry={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        onSaved={(before, version) => before && offerUndo(before, version, t('已保存'))}
      />
      <HistoryDrawer
        entryId={historyOf ?? null}
        open={historyOf !== undefined}
        onClose={() => setHistoryOf(undefined)}
      />
    </>
  );
}
