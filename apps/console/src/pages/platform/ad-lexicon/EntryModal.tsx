import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { api, must } from '../../../api/client.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useCategories } from '../../shared/categories.ts';
import { editable, type Entry, RULE_CATEGORIES } from './shared.ts';

type Draft = Omit<ReturnType<typeof editable>, 'enabled'>;
const EMPTY: Draft = {
  kind: 'term',
  text: '',
  exceptPattern: null,
  category: 'absolute',
  action: 'block',
  article: '',
  title: '',
  rewrite: '',
  scope: 'all',
  categoryIds: [],
};

/** Add or edit an entry: a term or a pattern, what it is, what happens to it, where it applies and what to write. */
export function EntryModal({
  entry,
  open,
  onClose,
  onSaved,
}: {
  entry: Entry | null;
  open: boolean;
  onClose: () => void;
  onSaved: (before: Entry | null, version: number) => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { treeData } = useCategories();
  // Any category may be in scope, a top-level one included.
  const scopeTree = useMemo(() => treeData.map((n) => ({ ...n, selectable: true })), [treeData]);
  const [form] = Form.useForm<Draft>();
  const scope = Form.useWatch('scope', form);
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (d: Draft) =>
      entry
        ? must(api.PATCH('/api/v1/admin/ad-lexicon/{id}', { params: { path: { id: entry.id } }, body: d }))
        : must(api.POST('/api/v1/admin/ad-lexicon', { body: d })),
    onSuccess: (r) => {
      void message.success(t('已保存为第 {version} 版，扫描在一秒内生效', { version: r.version }));
      void qc.invalidateQueries({ queryKey: ['platform', 'ad-lexicon'] });
      onSaved(entry, r.version);
      onClose();
    },
  });
  return (
    <Modal
      title={entry ? t('编辑词条') : t('新增词条')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('保存')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <ProblemAlert error={save.error} testId="ad-lexicon-error" />
      <Form<Draft>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={entry ? editable(entry) : EMPTY}
        onFinish={(d) =>
          save.mutate({
            ...d,
            // A built-in entry without its own rewrite keeps the rules' one until someone types another.
            rewrite: d.rewrite || (entry?.rewrite === null ? null : ''),
            exceptPattern: d.exceptPattern || null,
          })
        }
      >
        <Form.Item name="kind" label={t('类型')}>
          <Radio.Group
            options={[
              { value: 'term', label: t('词语') },
              { value: 'pattern', label: t('正则规则') },
            ]}
          />
        </Form.Item>
        <Form.Item name="text" label={t('词语或规则')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={300} data-testid="ad-lexicon-text" />
        </Form.Item>
        <Form.Item name="category" label={t('类别')}>
          <Select options={RULE_CATEGORIES.map(([value, label]) => ({ value, label: t(label) }))} />
        </Form.Item>
        <Form.Item name="action" label={t('命中后')}>
          <Radio.Group
            options={[
              { value: 'block', label: t('拦截（不能保存）') },
              { value: 'review', label: t('人工审核') },
            ]}
          />
        </Form.Item>
        <Form.Item name="scope" label={t('适用范围')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('全部类目') },
              { value: 'only', label: t('仅所选类目') },
              { value: 'except', label: t('除所选类目外') },
            ]}
          />
        </Form.Item>
        {scope && scope !== 'all' ? (
          <Form.Item name="categoryIds" label={t('类目')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <TreeSelect multiple treeData={scopeTree} treeDefaultExpandAll aria-label={t('类目')} />
          </Form.Item>
        ) : null}
        <Form.Item name="article" label={t('依据条款')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} placeholder={t('例如：广告法 第九条第（三）项')} />
        </Form.Item>
        <Form.Item name="title" label={t('说明')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="rewrite" label={t('建议改写')} extra={t('留空表示建议删除这些字')}>
          <Input maxLength={40} />
        </Form.Item>
        {kind === 'pattern' ? (
          <Form.Item name="exceptPattern" label={t('例外规则')} extra={t('命中处及其后六个字符合这条规则时不算违规')}>
            <Input maxLength={300} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
