import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type BodyOf, type GetOk, must } from '../../../api/client.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT, type MessageKey } from '../../../i18n/index.tsx';

export type Experiment = GetOk<'/api/v1/admin/experiments/{id}'>;
type ExperimentBody = BodyOf<'/api/v1/admin/experiments', 'post'>;

export const STATUS: Record<Experiment['status'], { label: MessageKey; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  running: { label: '运行中', color: 'processing' },
  stopped: { label: '已停止', color: 'warning' },
};
export const METRIC: Record<Experiment['primaryMetric'], MessageKey> = {
  conversion: '支付转化率',
  revenue_per_user: '人均支付金额',
};
export const GUARDRAIL: Record<Experiment['guardrails'][number], MessageKey> = {
  refund_rate: '退款率',
  pay_success: '支付成功率',
  average_order_value: '客单价',
};

export default function ExperimentsPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Experiment | 'new' | null>(null);
  const list = useCursorList(['platform', 'experiments'], (cursor) =>
    must(api.GET('/api/v1/admin/experiments', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
  );
  const transition = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'start' | 'stop' }) =>
      action === 'start'
        ? must(api.POST('/api/v1/admin/experiments/{id}/start', { params: { path: { id } } }))
        : must(api.POST('/api/v1/admin/experiments/{id}/stop', { params: { path: { id } } })),
    onSuccess: (e) => {
      notify.success(e.status === 'running' ? t('实验已开始') : t('实验已停止'));
      void qc.invalidateQueries({ queryKey: ['platform', 'experiments'] });
    },
    onError: (err) => notify.error(err),
  });

  const columns: TableColumnsType<Experiment> = [
    {
      title: t('实验'),
      key: 'name',
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <Link to={`/platform/experiments/${e.id}`} data-testid="experiment-name">
            {e.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.key} · {t('互斥层')} {e.layer} {e.isDemo ? <Tag>{t('演示')}</Tag> : null}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('状态'),
      key: 'status',
      width: 100,
      render: (_, e) => (
        <StatusTag color={STATUS[e.status].color} testId="experiment-status">
          {t(STATUS[e.status].label)}
        </StatusTag>
      ),
    },
    {
      title: t('变体与权重'),
      key: 'variants',
      render: (_, e) => e.variants.map((v) => `${v.name} ${v.weight}`).join(' / '),
    },
    { title: t('流量'), key: 'traffic', width: 80, render: (_, e) => `${e.trafficPercent}%` },
    { title: t('主要指标'), key: 'metric', width: 120, render: (_, e) => t(METRIC[e.primaryMetric]) },
    {
      title: t('计划样本量'),
      key: 'plan',
      width: 130,
      render: (_, e) => t('每组 {n} 人', { n: e.plan.perVariant.toLocaleString('zh-CN') }),
    },
    {
      title: t('开始 / 停止'),
      key: 'when',
      width: 170,
      render: (_, e) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {dateTime(e.startedAt)}
          <br />
          {dateTime(e.stoppedAt)}
        </Typography.Text>
      ),
    },
    {
      title: t('操作'),
      key: 'actions',
      width: 200,
      render: (_, e) => (
        <Space>
          {e.status === 'draft' && (
            <>
              <Button size="small" onClick={() => setEditing(e)}>
                {t('编辑')}
              </Button>
              <Popconfirm
                title={t('开始后不能再修改变体和流量，确定开始？')}
                onConfirm={() => transition.mutate({ id: e.id, action: 'start' })}
              >
                <Button size="small" type="primary" data-testid="experiment-start">
                  {t('开始')}
                </Button>
              </Popconfirm>
            </>
          )}
          {e.status === 'running' && (
            <Popconfirm
              title={t('停止后不可恢复，结果会保留。确定停止？')}
              onConfirm={() => transition.mutate({ id: e.id, action: 'stop' })}
            >
              <Button size="small" danger>
                {t('停止')}
              </Button>
            </Popconfirm>
          )}
          {e.status !== 'draft' && <Link to={`/platform/experiments/${e.id}`}>{t('查看结果')}</Link>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('A/B 实验')}
        subtitle={t('按用户（未登录按设备）稳定分流；变体真正展示时才记曝光。同一互斥层的实验不会分到同一个人。')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新建实验')}
          </Button>
        }
      />
      <CursorTable
        list={list}
        rowKey="id"
        columns={columns}
        caption={t('实验列表')}
        empty={t('还没有实验')}
        data-testid="experiments-table"
      />
      {editing && <ExperimentForm experiment={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

const DEFAULTS: ExperimentBody = {
  key: '',
  name: '',
  hypothesis: '',
  layer: '',
  variants: [
    { key: 'control', name: '对照组', weight: 50 },
    { key: 'treatment', name: '实验组', weight: 50 },
  ],
  trafficPercent: 100,
  primaryMetric: 'conversion',
  guardrails: ['refund_rate', 'pay_success', 'average_order_value'],
  baselineRate: 0.03,
  minimumDetectableEffect: 0.1,
};

function ExperimentForm({ experiment, onClose }: { experiment: Experiment | null; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<ExperimentBody>();
  const baselineRate = Form.useWatch('baselineRate', form) as number | undefined;
  const mde = Form.useWatch('minimumDetectableEffect', form) as number | undefined;
  const variants = (Form.useWatch('variants', form) as ExperimentBody['variants'] | undefined) ?? [];
  const plan = useQuery({
    queryKey: ['platform', 'experiments', 'sample-size', baselineRate, mde, variants.length],
    queryFn: () =>
      must(
        api.GET('/api/v1/admin/experiments/sample-size', {
          params: {
            query: {
              baselineRate: baselineRate!,
              minimumDetectableEffect: mde!,
              variants: Math.min(5, Math.max(2, variants.length)),
            },
          },
        }),
      ),
    enabled: !!baselineRate && baselineRate > 0 && baselineRate < 1 && !!mde && mde >= 0.005,
  });
  const save = useMutation({
    mutationFn: (body: ExperimentBody) =>
      experiment
        ? must(api.PUT('/api/v1/admin/experiments/{id}', { params: { path: { id: experiment.id } }, body }))
        : must(api.POST('/api/v1/admin/experiments', { body })),
    onSuccess: () => {
      notify.success(t('已保存为草稿'));
      void qc.invalidateQueries({ queryKey: ['platform', 'experiments'] });
      onClose();
    },
    onError: (err) => notify.error(err),
  });
  const initial: ExperimentBody = experiment
    ? {
        key: experiment.key,
        name: experiment.name,
        hypothesis: experiment.hypothesis,
        layer: experiment.layer,
        variants: experiment.variants,
        trafficPercent: experiment.trafficPercent,
        primaryMetric: experiment.primaryMetric,
        guardrails: experiment.guardrails,
        baselineRate: experiment.baselineRate,
        minimumDetectableEffect: experiment.minimumDetectableEffect,
      }
    : DEFAULTS;

  return (
    <Modal
      open
      width={720}
      title={experiment ? t('编辑实验') : t('新建实验')}
      okText={t('保存草稿')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Space.Compact block>
          <Form.Item
            name="name"
            label={t('名称')}
            rules={[{ required: true, message: t('请填写实验名称') }]}
            style={{ flex: 2 }}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('标识（商城用）')}
            rules={[{ required: true, message: t('请填写实验标识') }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={40} placeholder="home-layout" />
          </Form.Item>
          <Form.Item
            name="layer"
            label={t('互斥层')}
            rules={[{ required: true, message: t('请填写互斥层') }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={40} placeholder="home" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="hypothesis" label={t('假设')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text strong>{t('变体（第一个为对照组）')}</Typography.Text>
        <Form.List name="variants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: t('标识') }]} noStyle>
                    <Input placeholder={t('标识')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('名称') }]} noStyle>
                    <Input placeholder={t('名称')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} noStyle>
                    <InputNumber min={1} max={100} addonBefore={t('权重')} style={{ width: 150 }} />
                  </Form.Item>
                  {fields.length > 2 && <Button onClick={() => remove(f.name)}>{t('删除')}</Button>}
                </Space>
              ))}
              {fields.length < 5 && (
                <Button
                  type="dashed"
                  style={{ marginTop: 8 }}
                  onClick={() => add({ key: `v${fields.length + 1}`, name: '', weight: 50 })}
                >
                  {t('添加变体')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Space size={24} style={{ marginTop: 16 }} wrap>
          <Form.Item name="trafficPercent" label={t('流量（占互斥层 %）')}>
            <InputNumber min={1} max={100} />
          </Form.Item>
          <Form.Item name="primaryMetric" label={t('主要指标')}>
            <Radio.Group
              options={[
                { value: 'conversion', label: t('支付转化率') },
                { value: 'revenue_per_user', label: t('人均支付金额') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="guardrails" label={t('护栏指标')}>
          <Checkbox.Group
            options={(Object.keys(GUARDRAIL) as (keyof typeof GUARDRAIL)[]).map((g) => ({
              value: g,
              label: t(GUARDRAIL[g]),
            }))}
          />
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item name="baselineRate" label={t('当前转化率（0–1）')}>
            <InputNumber min={0.0001} max={0.9999} step={0.005} />
          </Form.Item>
          <Form.Item name="minimumDetectableEffect" label={t('最小可检测相对提升（0.1 = 10%）')}>
            <InputNumber min={0.005} max={5} step={0.05} />
          </Form.Item>
        </Space>
        <Alert
          type="info"
          showIcon
          data-testid="experiment-plan"
          message={
            plan.data
              ? t('所需样本量：每组 {n} 人，共 {total} 人（双侧 α=0.05，功效 0.8）', {
                  n: plan.data.perVariant.toLocaleString('zh-CN'),
                  total: plan.data.total.toLocaleString('zh-CN'),
                })
              : t('填写当前转化率和最小可检测提升后显示所需样本量')
          }
          description={t('固定样本设计：达到计划样本量之前的结果只供参考，不要因中途看到“显著”就提前停止。')}
        />
      </Form>
    </Modal>
  );
}
