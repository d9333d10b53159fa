import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, must, type BodyOf, type GetOk } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, toFen, toYuan, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';

type Listing = GetOk<'/api/v1/merchant/shipping-templates'>;
type Template = Listing['items'][number];
type TemplateBody = BodyOf<'/api/v1/merchant/shipping-templates', 'post'>;
type Province = NonNullable<TemplateBody['remoteProvinces']>[number];

// The same short names the server accepts (logistics/provinces.ts); an address matches by its first characters.
const PROVINCES: Province[] = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '台湾',
] as Province[];
const provinceOptions = PROVINCES.map((p) => ({ value: p, label: p }));

interface RuleValues {
  firstUnits: number;
  firstFee: number;
  extraUnits: number;
  extraFee: number;
}
type ChargeBy = 'pieces' | 'weight';
interface Values {
  name: string;
  chargeBy: ChargeBy;
  /** In a weight template the form holds kilograms; the server counts grams. */
  defaultRule: RuleValues;
  regions: (RuleValues & { provinces: Province[] })[];
  freeThreshold: number | null;
  remoteProvinces: Province[];
  remoteMode: 'surcharge' | 'undeliverable';
  remoteExtraFee: number;
}

const gramsPerUnit = (by: ChargeBy) => (by === 'weight' ? 1000 : 1);
const ruleToFen = (r: RuleValues, by: ChargeBy) => ({
  firstUnits: Math.round((r.firstUnits ?? 1) * gramsPerUnit(by)),
  firstFee: toFen(r.firstFee ?? 0),
  extraUnits: Math.round((r.extraUnits ?? 1) * gramsPerUnit(by)),
  extraFee: toFen(r.extraFee ?? 0),
});
const ruleToYuan = (r: RuleValues, by: ChargeBy) => ({
  firstUnits: r.firstUnits / gramsPerUnit(by),
  firstFee: toYuan(r.firstFee),
  extraUnits: r.extraUnits / gramsPerUnit(by),
  extraFee: toYuan(r.extraFee),
});

function toBody(v: Values): TemplateBody {
  const by = v.chargeBy ?? 'pieces';
  return {
    name: v.name,
    chargeBy: by,
    defaultRule: ruleToFen(v.defaultRule, by),
    regions: (v.regions ?? []).map((r) => ({ ...ruleToFen(r, by), provinces: r.provinces ?? [] })),
    freeThreshold: v.freeThreshold == null ? null : toFen(v.freeThreshold),
    remoteProvinces: v.remoteProvinces ?? [],
    remoteMode: v.remoteMode,
    remoteExtraFee: toFen(v.remoteExtraFee ?? 0),
  };
}

function toValues(t: Template): Values {
  return {
    name: t.name,
    chargeBy: t.chargeBy,
    defaultRule: ruleToYuan(t.defaultRule, t.chargeBy),
    regions: t.regions.map((r) => ({ ...ruleToYuan(r, t.chargeBy), provinces: r.provinces as Province[] })),
    freeThreshold: t.freeThreshold === null ? null : toYuan(t.freeThreshold),
    remoteProvinces: t.remoteProvinces as Province[],
    remoteMode: t.remoteMode,
    remoteExtraFee: toYuan(t.remoteExtraFee),
  };
}

/** 运费模板: the merchant's shipping rules; the active one prices every checkout of this shop. */
export default function ShippingTemplatesPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const key = ['merchant', merchantId, 'shipping-templates'];
  const list = useQuery({ queryKey: key, queryFn: () => must(api.GET('/api/v1/merchant/shipping-templates')) });
  const refresh = () => void qc.invalidateQueries({ queryKey: key });
  const activate = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/merchant/shipping-templates/{id}/activate', { params: { path: { id } } })),
    onSuccess: () => {
      notify.success(t('已启用，新订单按此模板计算运费'));
      refresh();
    },
    onError: notify.error,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      must(api.DELETE('/api/v1/merchant/shipping-templates/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: notify.error,
  });
  const rule = (r: RuleValues, by: ChargeBy = 'pieces') =>
    by === 'weight'
      ? t('首重 {a} kg {b}，续重每 {c} kg {d}', {
          a: r.firstUnits / 1000,
          b: yuan(r.firstFee),
          c: r.extraUnits / 1000,
          d: yuan(r.extraFee),
        })
      : t('首 {a} 件 {b}，续 {c} 件 {d}', {
          a: r.firstUnits,
          b: yuan(r.firstFee),
          c: r.extraUnits,
          d: yuan(r.extraFee),
        });
  const columns: TableColumnsType<Template> = [
    { title: t('模板名称'), dataIndex: 'name', width: 160 },
    {
      title: t('计费方式'),
      key: 'chargeBy',
      width: 100,
      render: (_, x) => (x.chargeBy === 'weight' ? t('按重量') : t('按件数')),
    },
    { title: t('默认运费'), key: 'rule', width: 220, render: (_, x) => rule(x.defaultRule, x.chargeBy) },
    {
      title: t('地区分组'),
      key: 'regions',
      render: (_, x) =>
        x.regions.length === 0 ? (
          <Typography.Text type="secondary">{t('无')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {x.regions.map((r) => (
              <span key={r.provinces.join()}>
                {r.provinces.join('、')}：{rule(r, x.chargeBy)}
              </span>
            ))}
          </Flex>
        ),
    },
    {
      title: t('包邮'),
      key: 'free',
      width: 120,
      render: (_, x) => (x.freeThreshold === null ? t('不包邮') : t('满 {x} 包邮', { x: yuan(x.freeThreshold) })),
    },
    {
      title: t('偏远地区'),
      key: 'remote',
      width: 200,
      render: (_, x) =>
        x.remoteProvinces.length === 0
          ? t('无')
          : `${x.remoteProvinces.join('、')}：${
              x.remoteMode === 'undeliverable' ? t('不配送') : t('加收 {x}', { x: yuan(x.remoteExtraFee) })
            }`,
    },
    { title: t('更新时间'), dataIndex: 'updatedAt', width: 150, render: dateTime },
    {
      title: t('操作'),
      key: 'actions',
      width: 200,
      render: (_, x) => (
        <Space size={4}>
          {x.active ? (
            <StatusTag color="green" testId="template-active">
              {t('使用中')}
            </StatusTag>
          ) : (
            <Button size="small" onClick={() => activate.mutate(x.id)}>
              {t('启用')}
            </Button>
          )}
          <Button size="small" type="link" onClick={() => setEditing(x)}>
            {t('编辑')}
          </Button>
          {!x.active && (
            <Popconfirm title={t('删除这个模板？')} onConfirm={() => remove.mutate(x.id)}>
              <Button size="small" type="link" danger>
                {t('删除')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('运费模板')}
        subtitle={t(
          '按件数（首件 + 续件）或按重量（首重 + 续重，不足 1 个续重单位按 1 个计，重量取商品 SKU 的重量）计费，可按省份分组定价、满额包邮、偏远地区加收或不配送。启用的模板用于本店所有结算，已下单的订单运费不变。',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="template-new">
            {t('新建模板')}
          </Button>
        }
      />
      {list.isSuccess && items.length === 0 && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          message={t('尚未设置运费模板，结算按平台默认：{rule}，满 {x} 包邮', {
            rule: rule(list.data.platformDefault.defaultRule),
            x: yuan(list.data.platformDefault.freeThreshold ?? 0),
          })}
        />
      )}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={list.isLoading}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: t('还没有运费模板') }}
      />
      {editing && (
        <TemplateModal
          template={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            refresh();
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

function RuleInputs({ name, by }: { name: (string | number)[]; by: ChargeBy }) {
  const t = useT();
  // Kilograms to the gram (0.001) by weight; whole pieces otherwise.
  const units =
    by === 'weight'
      ? { min: 0.001, max: 100, precision: 3, first: t('首重'), extra: t('续重'), unit: 'kg' }
      : { min: 1, max: 999, precision: 0, first: t('首'), extra: t('续'), unit: t('件') };
  return (
    <Space wrap size={4}>
      <Form.Item name={[...name, 'firstUnits']} noStyle rules={[{ required: true }]}>
        <InputNumber
          min={units.min}
          max={units.max}
          precision={units.precision}
          addonBefore={units.first}
          addonAfter={units.unit}
          style={{ width: 150 }}
          aria-label={units.first}
        />
      </Form.Item>
      <Form.Item name={[...name, 'firstFee']} noStyle rules={[{ required: true }]}>
        <InputNumber min={0} max={1000} precision={2} addonBefore="¥" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name={[...name, 'extraUnits']} noStyle rules={[{ required: true }]}>
        <InputNumber
          min={units.min}
          max={units.max}
          precision={units.precision}
          addonBefore={units.extra}
          addonAfter={units.unit}
          style={{ width: 150 }}
          aria-label={units.extra}
        />
      </Form.Item>
      <Form.Item name={[...name, 'extraFee']} noStyle rules={[{ required: true }]}>
        <InputNumber min={0} max={1000} precision={2} addonBefore="¥" style={{ width: 120 }} />
      </Form.Item>
    </Space>
  );
}

const EMPTY: Values = {
  name: '',
  chargeBy: 'pieces',
  defaultRule: { firstUnits: 1, firstFee: 8, extraUnits: 1, extraFee: 0 },
  regions: [],
  freeThreshold: 99,
  remoteProvinces: [],
  remoteMode: 'surcharge',
  remoteExtraFee: 0,
};

function TemplateModal({
  template,
  onClose,
  onSaved,
}: {
  template: Template | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const [probe, setProbe] = useState<{ province: Province; units: number; weightKg: number; itemsAmount: number }>({
    province: '广东',
    units: 2,
    weightKg: 1.2,
    itemsAmount: 60,
  });
  const by: ChargeBy = values?.chargeBy ?? template?.chargeBy ?? 'pieces';
  const save = useMutation({
    mutationFn: (body: TemplateBody) =>
      template
        ? must(api.PUT('/api/v1/merchant/shipping-templates/{id}', { params: { path: { id: template.id } }, body }))
        : must(api.POST('/api/v1/merchant/shipping-templates', { body })),
    onSuccess: () => {
      notify.success(t('已保存'));
      onSaved();
    },
    onError: notify.error,
  });
  const body = values?.defaultRule ? toBody(values) : null;
  const preview = useQuery({
    queryKey: ['shipping-preview', body, probe],
    queryFn: () =>
      must(
        api.POST('/api/v1/merchant/shipping-templates/preview', {
          body: {
            template: body!,
            province: probe.province,
            units: probe.units,
            weightGrams: Math.round(probe.weightKg * 1000),
            itemsAmount: toFen(probe.itemsAmount),
          },
        }),
      ),
    enabled: body !== null,
    retry: false,
  });
  return (
    <Modal
      open
      width={820}
      title={template ? t('编辑运费模板') : t('新建运费模板')}
      okText={t('保存')}
      cancelText={t('取消')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={template ? toValues(template) : EMPTY}
        onFinish={(v) => save.mutate(toBody(v))}
      >
        <Form.Item name="name" label={t('模板名称')} rules={[{ required: true, message: t('请填写模板名称') }]}>
          <Input maxLength={30} placeholder={t('如：全国按件计费')} />
        </Form.Item>
        <Form.Item name="chargeBy" label={t('计费方式')}>
          <Radio.Group
            data-testid="charge-by"
            onChange={() => {
              // Switching keeps the numbers sensible: 1 piece ↔ 1 kg rather than 1 piece → 0.001 kg.
              const reset = { firstUnits: 1, extraUnits: 1 };
              form.setFieldsValue({
                defaultRule: { ...(form.getFieldValue('defaultRule') as RuleValues), ...reset },
                regions: ((form.getFieldValue('regions') as Values['regions'] | undefined) ?? []).map((g) => ({
                  ...g,
                  ...reset,
                })),
              });
            }}
            options={[
              { value: 'pieces', label: t('按件数') },
              { value: 'weight', label: t('按重量（首重 + 续重）') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('默认运费（未分组的地区）')} required>
          <RuleInputs name={['defaultRule']} by={by} />
        </Form.Item>
        <Form.List name="regions">
          {(fields, { add, remove }) => (
            <Form.Item label={t('按地区分组定价')}>
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Card size="small" key={f.key}>
                    <Flex gap={8} align="flex-start">
                      <Flex vertical gap={8} style={{ flex: 1 }}>
                        <Form.Item name={[f.name, 'provinces']} noStyle rules={[{ required: true }]}>
                          <Select mode="multiple" options={provinceOptions} placeholder={t('选择省份')} />
                        </Form.Item>
                        <RuleInputs name={[f.name]} by={by} />
                      </Flex>
                      <Button icon={<DeleteOutlined />} aria-label={t('删除分组')} onClick={() => remove(f.name)} />
                    </Flex>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ provinces: [], firstUnits: 1, firstFee: 8, extraUnits: 1, extraFee: 0 })}
                >
                  {t('添加地区分组')}
                </Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="freeThreshold" label={t('满额包邮（元，留空不包邮）')}>
              <InputNumber min={0} max={1_000_000} precision={2} addonBefore="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="remoteProvinces" label={t('偏远地区')}>
              <Select mode="multiple" options={provinceOptions} placeholder={t('如：新疆、西藏')} />
            </Form.Item>
          </Col>
        </Row>
        <Space size={16} align="baseline" wrap>
          <Form.Item name="remoteMode" label={t('偏远地区处理')}>
            <Radio.Group
              options={[
                { value: 'surcharge', label: t('加收运费（包邮时也加收）') },
                { value: 'undeliverable', label: t('不配送') },
              ]}
            />
          </Form.Item>
          {values?.remoteMode !== 'undeliverable' && (
            <Form.Item name="remoteExtraFee" label={t('加收金额')}>
              <InputNumber min={0} max={1000} precision={2} addonBefore="¥" />
            </Form.Item>
          )}
        </Space>
      </Form>
      <Card size="small" title={t('运费试算')} data-testid="shipping-preview">
        <Space wrap>
          <Select
            style={{ width: 110 }}
            value={probe.province}
            options={provinceOptions}
            onChange={(province) => setProbe({ ...probe, province })}
            aria-label={t('省份')}
          />
          <InputNumber
            min={1}
            max={999}
            precision={0}
            value={probe.units}
            addonAfter={t('件')}
            onChange={(units) => setProbe({ ...probe, units: units ?? 1 })}
            aria-label={t('件数')}
          />
          {by === 'weight' && (
            <InputNumber
              min={0}
              max={1000}
              precision={3}
              value={probe.weightKg}
              addonAfter="kg"
              onChange={(v) => setProbe({ ...probe, weightKg: v ?? 0 })}
              aria-label={t('包裹重量')}
            />
          )}
          <InputNumber
            min={0}
            precision={2}
            value={probe.itemsAmount}
            addonBefore={t('商品金额 ¥')}
            onChange={(v) => setProbe({ ...probe, itemsAmount: v ?? 0 })}
            aria-label={t('商品金额')}
          />
        </Space>
        <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0 }}>
          {preview.data?.text ?? (preview.isError ? t('模板尚未填写完整') : '…')}
        </Typography.Paragraph>
      </Card>
    </Modal>
  );
}
