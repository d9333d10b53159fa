import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, InputNumber, Modal, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { toFen } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { ProductSelect, SkuSelect } from '../flashsale/SkuPicker.tsx';

interface Values {
  productId: string;
  skuId: string;
  title?: string;
  price: number;
  groupSize?: number;
  durationHours: number;
  perUserLimit?: number | null;
  newUserSeats?: number;
  helpsNeeded?: number;
  range: [Dayjs, Dayjs];
}

/** Create a group-buy (拼团) or bargain (砍价) campaign for one SKU of the shop. */
export function CreateCampaignModal({
  kind,
  open,
  onClose,
}: {
  kind: 'group-buy' | 'bargain';
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const productId = Form.useWatch('productId', form);
  const [skuPrice, setSkuPrice] = useState<number | undefined>();
  const create = useMutation({
    mutationFn: async (v: Values): Promise<{ title: string }> => {
      const common = {
        skuId: v.skuId,
        ...(v.title ? { title: v.title } : {}),
        durationMinutes: Math.round(v.durationHours * 60),
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
      };
      return kind === 'group-buy'
        ? must(
            api.POST('/api/v1/merchant/group-buy/campaigns', {
              body: {
                ...common,
                groupSize: v.groupSize ?? 2,
                groupPrice: toFen(v.price),
                perUserLimit: v.perUserLimit ?? null,
                newUserSeats: v.newUserSeats ?? 0,
              },
            }),
          )
        : must(
            api.POST('/api/v1/merchant/bargain/campaigns', {
              body: { ...common, floorPrice: toFen(v.price), helpsNeeded: v.helpsNeeded ?? 5 },
            }),
          );
    },
    onSuccess: (c) => {
      notify.success(t('已创建「{title}」', { title: c.title }));
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={open}
      title={kind === 'group-buy' ? t('创建拼团活动') : t('创建砍价活动')}
      okText={t('创建')}
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
          groupSize: 2,
          durationHours: 24,
          newUserSeats: 0,
          helpsNeeded: 5,
          range: [dayjs(), dayjs().add(7, 'day')],
        }}
      >
        <Form.Item name="productId" label={t('商品')} rules={[{ required: true, message: t('请选择商品') }]}>
          <ProductSelect />
        </Form.Item>
        <Form.Item name="skuId" label={t('规格')} rules={[{ required: true, message: t('请选择规格') }]}>
          <SkuSelect productId={productId} onFacts={(f) => setSkuPrice(f.price)} />
        </Form.Item>
        <Form.Item name="title" label={t('活动名称（选填）')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="price"
          label={kind === 'group-buy' ? t('拼团价（元）') : t('底价（元）')}
          extra={
            skuPrice !== undefined
              ? t('当前售价 ¥{price}，须低于它', { price: (skuPrice / 100).toFixed(2) })
              : undefined
          }
          rules={[{ required: true, message: t('请填写价格') }]}
        >
          <InputNumber min={0.01} step={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'group-buy' ? (
          <>
            <Form.Item name="groupSize" label={t('成团人数')} rules={[{ required: true }]}>
              <InputNumber min={2} max={50} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="newUserSeats"
              label={t('每团新人专享席位')}
              extra={t('留给从未付款下单的新用户；团长席位不限')}
            >
              <InputNumber min={0} max={49} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="perUserLimit" label={t('每人限参团次数（选填）')}>
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="helpsNeeded" label={t('砍到底价所需帮砍次数')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          name="durationHours"
          label={kind === 'group-buy' ? t('成团时限（小时）') : t('砍价有效期（小时）')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0.2} max={kind === 'group-buy' ? 72 : 168} step={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="range" label={t('活动时间')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
