import { useMutation, useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { toFen } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { useCategories } from '../categories.ts';
import { type CouponOwner, createTemplate, type TemplateBody } from './api.ts';

interface FormValues {
  name: string;
  kind: 'threshold' | 'percent' | 'no_threshold';
  threshold?: number;
  discount?: number;
  rate?: number;
  maxDiscount?: number | null;
  scope: 'shop' | 'products' | 'category';
  productIds?: string[];
  categoryIds?: string[];
  audience: 'public' | 'new_user' | 'targeted';
  firstOrderOnly?: boolean;
  validityType: 'relative' | 'fixed';
  days?: number;
  window?: [Dayjs, Dayjs];
  claimUntil: Dayjs;
  totalQuantity: number;
  perUserLimit: number;
}

/** Amounts are typed in yuan and sent as fen; a discount is typed as 折 (8.5) and sent as percent off (15). */
function toBody(v: FormValues): TemplateBody {
  return {
    name: v.name,
    kind: v.kind,
    thresholdAmount: v.kind === 'no_threshold' ? 0 : toFen(v.threshold ?? 0),
    discountAmount: v.kind === 'percent' ? 0 : toFen(v.discount ?? 0),
    ...(v.kind === 'percent'
      ? { percentOff: Math.round(100 - (v.rate ?? 10) * 10), maxDiscount: v.maxDiscount ? toFen(v.maxDiscount) : null }
      : {}),
    scope: v.scope,
    productIds: v.scope === 'products' ? (v.productIds ?? []) : [],
    categoryIds: v.scope === 'category' ? (v.categoryIds ?? []) : [],
    audience: v.audience,
    firstOrderOnly: v.firstOrderOnly ?? false,
    validity:
      v.validityType === 'relative'
        ? { type: 'relative', days: v.days ?? 7 }
        : { type: 'fixed', validFrom: v.window![0].toISOString(), validUntil: v.window![1].toISOString() },
    claimUntil: v.claimUntil.toISOString(),
    totalQuantity: v.totalQuantity,
    perUserLimit: v.perUserLimit,
  };
}

export function TemplateFormModal({
  owner,
  open,
  onClose,
  onCreated,
}: {
  owner: CouponOwner;
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const scope = Form.useWatch('scope', form);
  const validityType = Form.useWatch('validityType', form);
  const categories = useCategories();
  // Top-level categories are selectable too: the server widens them to their sub-categories.
  const treeData = useMemo(() => categories.treeData.map((n) => ({ ...n, selectable: true })), [categories.treeData]);
  const products = useQuery({
    queryKey: ['coupon-form', 'products'],
    queryFn: async () =>
      (await must(api.GET('/api/v1/merchant/products', { params: { query: { status: 'listed', limit: 100 } } }))).items,
    enabled: open && owner === 'merchant',
  });
  const create = useMutation({
    mutationFn: (body: TemplateBody) => createTemplate(owner, body),
    onSuccess: (tpl) => {
      notify.success(t('已创建「{name}」', { name: tpl.name }));
      form.resetFields();
      onCreated();
      onClose();
    },
    onError: notify.error,
  });
  const yuanInput = (label: string) => (
    <InputNumber min={0.01} max={1_000_000} precision={2} prefix="¥" style={{ width: 180 }} aria-label={label} />
  );

  return (
    <Modal
      title={owner === 'merchant' ? t('创建店铺优惠券') : t('创建平台优惠券')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('创建')}
      cancelText={t('取消')}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'threshold',
          scope: 'shop',
          audience: 'public',
          validityType: 'relative',
          days: 7,
          claimUntil: dayjs().add(30, 'day').endOf('day'),
          totalQuantity: 1000,
          perUserLimit: 1,
          rate: 9,
        }}
        onFinish={(v) => create.mutate(toBody(v))}
      >
        <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请填写名称') }, { max: 30 }]}>
          <Input placeholder={t('如：店庆满200减30')} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')}>
          <Radio.Group
            options={[
              { value: 'threshold', label: t('满减券') },
              { value: 'percent', label: t('折扣券') },
              { value: 'no_threshold', label: t('无门槛券') },
            ]}
          />
        </Form.Item>
        {kind !== 'no_threshold' && (
          <Form.Item
            name="threshold"
            label={kind === 'percent' ? t('使用门槛（满多少元，可不填）') : t('满多少元')}
            rules={kind === 'threshold' ? [{ required: true, message: t('请填写门槛') }] : []}
          >
            {yuanInput(t('门槛'))}
          </Form.Item>
        )}
        {kind === 'percent' ? (
          <>
            <Form.Item
              name="rate"
              label={t('折扣（折）')}
              rules={[{ required: true, message: t('请填写折扣') }]}
              extra={t('例如 8.5 表示打 8.5 折')}
            >
              <InputNumber min={1} max={9.9} step={0.5} precision={1} suffix={t('折')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="maxDiscount" label={t('最多减（元，可不填）')}>
              {yuanInput(t('最多减'))}
            </Form.Item>
          </>
        ) : (
          <Form.Item name="discount" label={t('减多少元')} rules={[{ required: true, message: t('请填写优惠金额') }]}>
            {yuanInput(t('优惠金额'))}
          </Form.Item>
        )}
        <Form.Item name="scope" label={t('适用范围')}>
          <Radio.Group
            options={[
              { value: 'shop', label: owner === 'merchant' ? t('全店通用') : t('全平台通用') },
              { value: 'products', label: t('指定商品') },
              { value: 'category', label: t('指定品类') },
            ]}
          />
        </Form.Item>
        {scope === 'products' && (
          <Form.Item name="productIds" label={t('适用商品')} rules={[{ required: true, message: t('请选择适用商品') }]}>
            {owner === 'merchant' ? (
              <Select
                mode="multiple"
                loading={products.isPending}
                optionFilterProp="label"
                options={(products.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              />
            ) : (
              <Select mode="tags" tokenSeparators={[',', ' ']} placeholder={t('粘贴商品 ID，可多个')} />
            )}
          </Form.Item>
        )}
        {scope === 'category' && (
          <Form.Item
            name="categoryIds"
            label={t('适用品类')}
            rules={[{ required: true, message: t('请选择适用品类') }]}
          >
            <TreeSelect
              treeData={treeData}
              multiple
              treeDefaultExpandAll={false}
              loading={categories.query.isPending}
            />
          </Form.Item>
        )}
        <Form.Item name="audience" label={t('发放方式')}>
          <Radio.Group
            options={[
              { value: 'public', label: t('领券中心公开领取') },
              { value: 'targeted', label: t('仅定向发放') },
              ...(owner === 'platform' ? [{ value: 'new_user', label: t('新人礼包') }] : []),
            ]}
          />
        </Form.Item>
        {owner === 'platform' && (
          <Form.Item
            name="firstOrderOnly"
            label={t('仅限首单使用')}
            valuePropName="checked"
            extra={t('买家还没有已支付订单时才能使用（首单立减）')}
          >
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="validityType" label={t('有效期')}>
          <Radio.Group
            options={[
              { value: 'relative', label: t('领取后 N 天内有效') },
              { value: 'fixed', label: t('固定时间段') },
            ]}
          />
        </Form.Item>
        {validityType === 'fixed' ? (
          <Form.Item name="window" label={t('有效时间段')} rules={[{ required: true, message: t('请选择有效时间段') }]}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
        ) : (
          <Form.Item name="days" label={t('有效天数')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} suffix={t('天')} style={{ width: 180 }} />
          </Form.Item>
        )}
        <Form.Item name="claimUntil" label={t('领取截止时间')} rules={[{ required: true }]}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="totalQuantity" label={t('发行量（张）')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10_000_000} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="perUserLimit" label={t('每人限领（张）')} rules={[{ required: true }]}>
          <InputNumber min={1} max={20} style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
