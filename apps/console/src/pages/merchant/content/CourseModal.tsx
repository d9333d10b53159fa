import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { toFen } from '../../../components/format.ts';
import { ImageUpload } from '../../../components/ImageUpload.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useListedProducts } from '../flashsale/api.ts';
import { ProductSelect, SkuSelect } from '../flashsale/SkuPicker.tsx';
import { contentKeys } from './api.ts';

interface Values {
  kind: 'course' | 'column';
  title: string;
  summary?: string;
  coverUrl?: string | null;
  productId: string;
  skuId: string;
  pricing: 'purchase' | 'subscription';
  price: number;
  memberFreeFrom?: 'silver' | 'gold' | 'diamond' | null;
  bundleProductIds?: string[];
  creatorUserId?: string;
  creatorSharePercent?: number;
}

/** 创建课程: a course or column sold through a listed product of the shop, with member-free, bundle and creator share. */
export function CourseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const productId = Form.useWatch('productId', form);
  const create = useMutation({
    mutationFn: (v: Values) =>
      must(
        api.POST('/api/v1/merchant/content/courses', {
          body: {
            kind: v.kind,
            title: v.title,
            ...(v.summary ? { summary: v.summary } : {}),
            coverUrl: v.coverUrl ?? null,
            skuId: v.skuId,
            pricing: v.pricing,
            price: toFen(v.price),
            memberFreeFrom: v.memberFreeFrom ?? null,
            bundleProductIds: v.bundleProductIds ?? [],
            creatorUserId: v.creatorUserId?.trim() || null,
            creatorShareBp: Math.round((v.creatorSharePercent ?? 0) * 100),
          },
        }),
      ),
    onSuccess: (c) => {
      notify.success(t('已创建「{title}」', { title: c.title }));
      void qc.invalidateQueries({ queryKey: contentKeys.courses });
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={open}
      title={t('创建课程')}
      okText={t('创建')}
      cancelText={t('取消')}
      confirmLoading={create.isPending}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'course', pricing: 'purchase' }}>
        <Form.Item name="kind" label={t('类型')}>
          <Select
            options={[
              { value: 'course', label: t('课程') },
              { value: 'column', label: t('专栏') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('名称')} rules={[{ required: true, message: t('请填写名称') }]}>
          <Input maxLength={60} placeholder={t('如 家常菜刀工 21 讲')} />
        </Form.Item>
        <Form.Item name="summary" label={t('简介（选填）')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item name="coverUrl" label={t('封面（选填）')}>
          <ImageUpload label="上传封面" />
        </Form.Item>
        <Form.Item
          name="productId"
          label={t('关联商品')}
          extra={t('买家通过该商品下单付款；请先在商品管理中上架一个对应的虚拟商品')}
          rules={[{ required: true, message: t('请选择商品') }]}
        >
          <ProductSelect />
        </Form.Item>
        <Form.Item name="skuId" label={t('规格')} rules={[{ required: true, message: t('请选择规格') }]}>
          <SkuSelect productId={productId} onFacts={() => undefined} />
        </Form.Item>
        <Form.Item name="pricing" label={t('售卖方式')}>
          <Select
            options={[
              { value: 'purchase', label: t('一次购买，永久学习') },
              { value: 'subscription', label: t('按月订阅') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="price"
          label={t('价格（元，订阅为每月）')}
          rules={[{ required: true, message: t('请填写价格') }]}
        >
          <InputNumber min={0.01} step={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="memberFreeFrom" label={t('会员免费')}>
          <Select
            allowClear
            placeholder={t('不设置')}
            options={[
              { value: 'silver', label: t('银卡会员及以上') },
              { value: 'gold', label: t('金卡会员及以上') },
              { value: 'diamond', label: t('黑钻会员') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="bundleProductIds"
          label={t('买商品送课程（选填）')}
          extra={t('买家购买这些商品付款后自动获得本课程')}
        >
          <BundleSelect />
        </Form.Item>
        <Form.Item name="creatorUserId" label={t('创作者用户 ID（选填）')}>
          <Input placeholder="usr_…" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="creatorSharePercent"
          label={t('创作者分成（%）')}
          extra={t('按买家实付计算；退款期满后结算给创作者，退款则冲回')}
        >
          <InputNumber min={0} max={90} step={1} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Several of the shop's listed products (买刀送课): buying any of them grants the course. */
function BundleSelect({ value, onChange, id }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const t = useT();
  const [keyword, setKeyword] = useState('');
  const products = useListedProducts(useMerchantId(), keyword);
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: (k) => setKeyword(k.trim()) }}
      value={value ?? []}
      placeholder={t('搜索在售商品')}
      loading={products.isFetching}
      options={(products.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
      onChange={(ids: string[]) => onChange?.(ids)}
      style={{ width: '100%' }}
    />
  );
}
