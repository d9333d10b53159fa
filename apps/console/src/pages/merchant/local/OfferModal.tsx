import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { toFen } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { ProductSelect, SkuSelect } from '../flashsale/SkuPicker.tsx';
import { localKeys, type LocalStore } from './api.ts';

interface Values {
  storeId: string;
  kind: 'voucher' | 'set_meal';
  title: string;
  description?: string;
  productId: string;
  skuId: string;
  price: number;
  faceValue: number;
  quota: number;
  validUntil: Dayjs;
  refundAtExpiry: boolean;
}

/** 发布团购: a voucher or set meal of one store, sold online through a listed product of the shop. */
export function OfferModal({ open, stores, onClose }: { open: boolean; stores: LocalStore[]; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const productId = Form.useWatch('productId', form);
  const create = useMutation({
    mutationFn: (v: Values) =>
      must(
        api.POST('/api/v1/merchant/local/offers', {
          body: {
            storeId: v.storeId,
            kind: v.kind,
            title: v.title,
            ...(v.description ? { description: v.description } : {}),
            skuId: v.skuId,
            price: toFen(v.price),
            faceValue: toFen(v.faceValue),
            quota: v.quota,
            validUntil: v.validUntil.endOf('day').toISOString(),
            refundAtExpiry: v.refundAtExpiry,
          },
        }),
      ),
    onSuccess: (o) => {
      notify.success(t('已发布「{title}」', { title: o.title }));
      void qc.invalidateQueries({ queryKey: localKeys.offers });
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={open}
      title={t('发布团购')}
      okText={t('发布')}
      cancelText={t('取消')}
      confirmLoading={create.isPending}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'voucher',
          quota: 100,
          refundAtExpiry: true,
          validUntil: dayjs().add(90, 'day'),
          storeId: stores[0]?.id,
        }}
      >
        <Form.Item name="storeId" label={t('门店')} rules={[{ required: true, message: t('请选择门店') }]}>
          <Select options={stores.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')}>
          <Select
            options={[
              { value: 'voucher', label: t('代金券') },
              { value: 'set_meal', label: t('套餐') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('名称')} rules={[{ required: true, message: t('请填写名称') }]}>
          <Input maxLength={60} placeholder={t('如 100 元代金券 / 双人下午茶套餐')} />
        </Form.Item>
        <Form.Item name="description" label={t('使用说明（选填）')}>
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
        <Form.Item
          name="productId"
          label={t('关联商品')}
          extra={t('买家通过该商品下单付款；请先在商品管理中上架一个对应的商品')}
          rules={[{ required: true, message: t('请选择商品') }]}
        >
          <ProductSelect />
        </Form.Item>
        <Form.Item name="skuId" label={t('规格')} rules={[{ required: true, message: t('请选择规格') }]}>
          <SkuSelect productId={productId} onFacts={() => undefined} />
        </Form.Item>
        <Form.Item name="price" label={t('售价（元）')} rules={[{ required: true, message: t('请填写价格') }]}>
          <InputNumber min={0.01} step={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="faceValue"
          label={t('门市价 / 面值（元）')}
          rules={[{ required: true, message: t('请填写价格') }]}
        >
          <InputNumber min={0.01} step={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="quota" label={t('发售数量')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('有效期至')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="refundAtExpiry" label={t('过期未使用自动退款')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
