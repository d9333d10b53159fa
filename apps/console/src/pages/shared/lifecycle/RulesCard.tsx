import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Modal, Space, Switch, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { type Audience, type Rule, SEGMENT_COLOR, SEGMENT_LABEL } from './labels.ts';

type Settings = Pick<Rule, 'enabled' | 'capDays' | 'quietStart' | 'quietEnd' | 'holdoutPct' | 'conversionDays'>;
const settingsOf = (r: Rule): Settings => ({
  enabled: r.enabled,
  capDays: r.capDays,
  quietStart: r.quietStart,
  quietEnd: r.quietEnd,
  holdoutPct: r.holdoutPct,
  conversionDays: r.conversionDays,
});
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The automation rules of the scope: switch, caps, quiet hours, hold-out, what went out and the measured uplift. */
export function RulesCard({ as }: { as: Audience }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const key = ['lifecycle', as, 'rules'];
  const rules = useQuery({
    queryKey: key,
    queryFn: () =>
      as === 'platform'
        ? must(api.GET('/api/v1/admin/lifecycle/rules'))
        : must(api.GET('/api/v1/merchant/lifecycle/rules')),
  });
  const save = useMutation({
    mutationFn: ({ kind, body }: { kind: Rule['kind']; body: Settings }) => {
      const params = { path: { kind } };
      return as === 'platform'
        ? must(api.PUT('/api/v1/admin/lifecycle/rules/{kind}', { params, body }))
        : must(api.PUT('/api/v1/merchant/lifecycle/rules/{kind}', { params, body }));
    },
    onSuccess: async () => {
      notify.success(t('规则已保存'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: key });
    },
    onError: notify.error,
  });
  const [editing, setEditing] = useState<Rule | null>(null);
  const [form] = Form.useForm<Settings>();

  return (
    <Card title={t('自动化规则')} data-testid="lifecycle-rules">
      {rules.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(rules.error)} />
      ) : (
        <Table<Rule>
          rowKey="kind"
          size="small"
          pagination={false}
          loading={rules.isPending}
          dataSource={(rules.data?.items ?? []) as Rule[]}
          aria-label={t('自动化规则')}
          columns={[
            {
              title: t('规则'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <Tooltip title={r.message}>
                  <Space>
                    <Tag color={SEGMENT_COLOR[r.segment]}>{t(SEGMENT_LABEL[r.segment])}</Tag>
                    {name}
                  </Space>
                </Tooltip>
              ),
            },
            {
              title: t('开关'),
              dataIndex: 'enabled',
              render: (on: boolean, r) => (
                <Switch
                  checked={on}
                  aria-label={t('开启{name}', { name: r.name })}
                  data-testid={`rule-switch-${r.kind}`}
                  loading={save.isPending && save.variables?.kind === r.kind}
                  onChange={(next) => save.mutate({ kind: r.kind, body: { ...settingsOf(r), enabled: next } })}
                />
              ),
            },
            {
              title: t('频控'),
              dataIndex: 'capDays',
              render: (d: number) => t('每人每 {n} 天最多 1 次', { n: d }),
            },
            {
              title: t('免打扰'),
              render: (_: unknown, r) => `${hour(r.quietStart)}–${hour(r.quietEnd)}`,
            },
            { title: t('对照组'), dataIndex: 'holdoutPct', render: (v: number) => `${v}%` },
            { title: t('上次运行'), dataIndex: 'lastRunAt', render: (v: string | null) => dateTime(v) },
            { title: t('已发送'), dataIndex: 'sent', align: 'right' },
            { title: t('待发送'), dataIndex: 'deferred', align: 'right' },
            { title: t('对照组人数'), dataIndex: 'heldOut', align: 'right' },
            {
              title: t('提升效果（{n} 天内购买）', { n: 7 }),
              render: (_: unknown, r) => {
                const u = r.uplift;
                const line = `${pct(u.treated.rate)} (${u.treated.conversions}/${u.treated.n}) vs ${pct(u.holdout.rate)} (${u.holdout.conversions}/${u.holdout.n})`;
                if (!u.sufficient)
                  return (
                    <span data-testid={`uplift-${r.kind}`}>
                      <Tag>{t('样本不足')}</Tag>
                      {u.treated.n + u.holdout.n > 0 ? line : null}
                    </span>
                  );
                return (
                  <span data-testid={`uplift-${r.kind}`}>
                    {line} · {t('差值')} {pct(u.difference)} [{pct(u.ci95![0])}, {pct(u.ci95![1])}] · p=
                    {u.pValue!.toFixed(3)}
                  </span>
                );
              },
            },
            {
              title: t('操作'),
              render: (_: unknown, r) => (
                <Button size="small" data-testid={`rule-edit-${r.kind}`} onClick={() => setEditing(r)}>
                  {t('设置')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing ? t('设置：{name}', { name: editing.name }) : ''}
        okText={t('保存')}
        cancelText={t('取消')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Settings>
          form={form}
          layout="vertical"
          // The form mounts with the dialog (destroyOnHidden), filled from the rule as it mounts: values set on the
          // form instance before it was mounted could be lost, and a fast click then saved defaults. Not preserved
          // on unmount, so the next rule opened starts from its own values, not the last one's.
          initialValues={editing ? settingsOf(editing) : undefined}
          preserve={false}
          onFinish={(v) => editing && save.mutate({ kind: editing.kind, body: v })}
        >
          <Form.Item name="enabled" label={t('开启')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="capDays" label={t('频控：每人每 N 天最多 1 次')} rules={[{ required: true }]}>
            <InputNumber min={1} max={90} addonAfter={t('天')} data-testid="rule-cap" />
          </Form.Item>
          <Space>
            <Form.Item name="quietStart" label={t('免打扰开始（北京时间）')} rules={[{ required: true }]}>
              <InputNumber min={0} max={23} addonAfter={t('时')} />
            </Form.Item>
            <Form.Item name="quietEnd" label={t('免打扰结束')} rules={[{ required: true }]}>
              <InputNumber min={0} max={23} addonAfter={t('时')} />
            </Form.Item>
          </Space>
          <Form.Item
            name="holdoutPct"
            label={t('对照组比例（这些用户什么也收不到，用来衡量效果）')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={50} addonAfter="%" />
          </Form.Item>
          <Form.Item name="conversionDays" label={t('转化窗口：触达后 N 天内购买算转化')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} addonAfter={t('天')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
