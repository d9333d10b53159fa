import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { api, type GetOk, must, problemTitle } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { useCategories } from '../shared/categories.ts';

type Kind = 'synonym' | 'category';
type Entry = GetOk<'/api/v1/admin/search-words'>['items'][number];
type Change = GetOk<'/api/v1/admin/search-words/{id}/history'>['items'][number];
interface Draft {
  words: string[];
  categoryIds: string[];
}

/** Add or edit: a synonym group (two or more words) or a category word with the categories it names. */
function EntryModal({
  kind,
  entry,
  initialWord,
  open,
  onClose,
}: {
  kind: Kind;
  entry: Entry | null;
  initialWord: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { treeData } = useCategories();
  const [form] = Form.useForm<Draft>();
  const save = useMutation({
    mutationFn: (d: Draft) =>
      entry
        ? must(api.PUT('/api/v1/admin/search-words/{id}', { params: { path: { id: entry.id } }, body: d }))
        : must(api.POST('/api/v1/admin/search-words', { body: { kind, ...d } })),
    onSuccess: (e) => {
      void message.success(
        entry ? t('已保存，搜索立即生效') : t('已添加「{words}」，搜索立即生效', { words: e.words.join('、') }),
      );
      void qc.invalidateQueries({ queryKey: ['platform', 'search-words'] });
      onClose();
    },
  });
  const title = entry
    ? kind === 'synonym'
      ? t('编辑同义词组')
      : t('编辑类目词')
    : kind === 'synonym'
      ? t('添加同义词组')
      : t('添加类目词');
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('保存')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} testId="search-word-error" />
      <Form<Draft>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          words: entry?.words ?? (initialWord ? [initialWord] : []),
          categoryIds: entry?.categories.map((c) => c.id) ?? [],
        }}
        onFinish={(v) => save.mutate({ words: v.words, categoryIds: kind === 'category' ? v.categoryIds : [] })}
      >
        {kind === 'synonym' ? (
          <Form.Item
            name="words"
            label={t('同义词')}
            extra={t('输入一个词后按回车，再输入下一个。搜索其中任何一个词，都会找到含有其他词的商品。')}
            rules={[
              { required: true, type: 'array', min: 2, message: t('同义词组至少要有两个词') },
              { type: 'array', max: 12, message: t('一组最多 12 个词') },
            ]}
          >
            <Select
              mode="tags"
              suffixIcon={null}
              notFoundContent={null}
              tokenSeparators={[',', '，', '、', ' ']}
              placeholder={t('例如：暖壶、热水瓶')}
              aria-label={t('同义词')}
              data-testid="search-word-words"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name={['words', 0]}
              label={t('类目词')}
              extra={t('搜索这个词时，所选类目的商品都会出现（排在直接匹配的商品之后）。')}
              rules={[
                { required: true, whitespace: true, message: t('请填写类目词') },
                { max: 20, message: t('每个词最多 20 个字') },
              ]}
            >
              <Input maxLength={20} placeholder={t('例如：养生')} data-testid="search-word-category-word" />
            </Form.Item>
            <Form.Item
              name="categoryIds"
              label={t('对应类目')}
              rules={[{ required: true, type: 'array', min: 1, message: t('请至少选择一个类目') }]}
            >
              <TreeSelect
                multiple
                treeData={treeData}
                treeDefaultExpandAll
                aria-label={t('对应类目')}
                placeholder={t('选择类目')}
                data-testid="search-word-categories"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

const ACTION_LABEL = { create: '新增', update: '修改', delete: '删除', restore: '撤销删除' } as const;

/** Who changed an entry, when, and what it was before and after. */
function HistoryDrawer({ entry, onClose }: { entry: Entry | null; onClose: () => void }) {
  const t = useT();
  const { names } = useCategories();
  const history = useQuery({
    queryKey: ['platform', 'search-words', 'history', entry?.id],
    enabled: entry != null,
    queryFn: () => must(api.GET('/api/v1/admin/search-words/{id}/history', { params: { path: { id: entry!.id } } })),
  });
  const describe = (s: Change['after']) =>
    s
      ? `${s.words.join('、')}${s.categoryIds.length > 0 ? ` → ${s.categoryIds.map((id) => names.get(id) ?? id).join('、')}` : ''}`
      : '—';
  return (
    <Drawer title={t('修改记录')} open={entry != null} onClose={onClose} size={480}>
      {history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(history.error)} />
      ) : history.data.items.length === 0 ? (
        <Empty description={t('内置词条，尚未被修改')} />
      ) : (
        <Timeline
          items={history.data.items.map((c) => ({
            children: (
              <div data-testid="search-word-change">
                <Typography.Text strong>{t(ACTION_LABEL[c.action])}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  · {dateTime(c.at)} · {c.actorName}
                </Typography.Text>
                {c.action === 'update' ? (
                  <div>
                    <div>
                      {t('改前')}：{describe(c.before)}
                    </div>
                    <div>
                      {t('改后')}：{describe(c.after)}
                    </div>
                  </div>
                ) : (
                  <div>{describe(c.after)}</div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

/** 搜索词库: the synonyms and category words search understands queries with; changes apply without a restart. */
export default function SearchWordsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const kind: Kind = params.get('kind') === 'category' ? 'category' : 'synonym';
  const deleted = params.get('status') === 'deleted';
  const q = params.get('q') ?? '';
  const newWord = params.get('new') ?? '';
  const [editing, setEditing] = useState<Entry | null>(null);
  const [adding, setAdding] = useState(newWord !== '');
  const [historyOf, setHistoryOf] = useState<Entry | null>(null);
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('new');
    setParams(next, { replace: true });
  };

  const list = useCursorList<Entry>(['platform', 'search-words', kind, deleted, q], (cursor) =>
    must(
      api.GET('/api/v1/admin/search-words', {
        params: {
          query: {
            kind,
            deleted: deleted ? 'true' : 'false',
            limit: 20,
            ...(q ? { q } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    ),
  );
  const refresh = () => void qc.invalidateQueries({ queryKey: ['platform', 'search-words'] });
  const restore = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/admin/search-words/{id}/restore', { params: { path: { id } } })),
    onSuccess: (e) => {
      void message.success(t('已恢复「{words}」', { words: e.words.join('、') }));
      refresh();
    },
    onError: (err) => void message.error(problemTitle(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => must(api.DELETE('/api/v1/admin/search-words/{id}', { params: { path: { id } } })),
    onSuccess: (e) => {
      const key = `deleted-${e.id}`;
      void message.open({
        key,
        type: 'success',
        duration: 10,
        content: (
          <Space>
            {t('已删除「{words}」，搜索已不再使用', { words: e.words.join('、') })}
            <Button
              size="small"
              type="link"
              data-testid="search-word-undo"
              onClick={() => {
                message.destroy(key);
                restore.mutate(e.id);
              }}
            >
              {t('撤销')}
            </Button>
          </Space>
        ),
      });
      refresh();
    },
    onError: (err) => void message.error(problemTitle(err)),
  });

  const columns: TableColumnsType<Entry> = [
    {
      title: kind === 'synonym' ? t('同义词') : t('类目词'),
      key: 'words',
      render: (_, e) => (
        <Flex gap={4} wrap>
          {e.words.map((w) => (
            <Tag key={w} color={deleted ? undefined : 'blue'}>
              {w}
            </Tag>
          ))}
        </Flex>
      ),
    },
    ...(kind === 'category'
      ? ([
          {
            title: t('对应类目'),
            key: 'categories',
            render: (_, e) => e.categories.map((c) => c.name).join('、'),
          },
        ] satisfies TableColumnsType<Entry>)
      : []),
    {
      title: deleted ? t('删除时间') : t('最后修改'),
      key: 'updatedAt',
      render: (_, e) => (
        <div>
          <div>{dateTime(deleted ? e.deletedAt : e.updatedAt)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.updatedBy ?? t('内置词条')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, e) => (
        <Space size="small">
          {deleted ? (
            <Button
              size="small"
              onClick={() => restore.mutate(e.id)}
              loading={restore.isPending && restore.variables === e.id}
              data-testid="search-word-restore"
            >
              {t('撤销删除')}
            </Button>
          ) : (
            <>
              <Button size="small" onClick={() => setEditing(e)} data-testid="search-word-edit">
                {t('编辑')}
              </Button>
              <Popconfirm
                title={t('删除「{words}」？', { words: e.words.join('、') })}
                description={t('删除后搜索立即不再使用这个词条，可以撤销。')}
                okText={t('删除')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutate(e.id)}
              >
                <Button size="small" danger data-testid="search-word-delete">
                  {t('删除')}
                </Button>
              </Popconfirm>
            </>
          )}
          <Button
            size="small"
            type="text"
            icon={<HistoryOutlined />}
            onClick={() => setHistoryOf(e)}
            aria-label={t('修改记录')}
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('搜索词库')}
        subtitle={t(
          '搜索用这些词理解用户的意思：同义词互相匹配，类目词匹配整个类目。保存后立即对所有服务器生效，无需重启。',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="search-word-add">
            {kind === 'synonym' ? t('添加同义词组') : t('添加类目词')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap className="filter-bar" role="search" aria-label={t('筛选词条')}>
          <Segmented
            aria-label={t('词条类型')}
            value={kind}
            onChange={(v) => setParam('kind', v === 'category' ? 'category' : '')}
            options={[
              { value: 'synonym', label: t('同义词') },
              { value: 'category', label: t('类目词') },
            ]}
            data-testid="search-word-kind"
          />
          <Segmented
            aria-label={t('词条状态')}
            value={deleted ? 'deleted' : 'live'}
            onChange={(v) => setParam('status', v === 'deleted' ? 'deleted' : '')}
            options={[
              { value: 'live', label: t('使用中') },
              { value: 'deleted', label: t('已删除') },
            ]}
          />
          <Input.Search
            aria-label={t('搜索词条')}
            placeholder={t('按词查找')}
            allowClear
            defaultValue={q}
            style={{ width: 240 }}
            onSearch={(v) => setParam('q', v.trim())}
            data-testid="search-word-search"
          />
        </Flex>
        <CursorTable<Entry>
          list={list}
          rowKey="id"
          columns={columns}
          caption={t('搜索词库')}
          empty={
            q ? t('没有包含「{q}」的词条', { q }) : deleted ? t('没有已删除的词条') : t('还没有词条，点击右上角添加')
          }
          onRow={(e) => ({ 'data-testid': 'search-word-row', 'data-entry-id': e.id }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 900 }}
        />
      </Card>
      <EntryModal
        key={editing?.id ?? (adding ? 'new' : 'closed')}
        kind={kind}
        entry={editing}
        initialWord={newWord}
        open={adding || editing != null}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
      <HistoryDrawer entry={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
