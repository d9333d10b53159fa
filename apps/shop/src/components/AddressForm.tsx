import { Button, Form, Picker, Switch } from 'antd-mobile';
import { useState } from 'react';
import type { Address, AddressInput } from '../api/addresses.ts';
import { useT } from '../i18n/index.tsx';
import { FieldInput, FieldTextArea } from './Field.tsx';

/** Province-level regions of China (GB/T 2260), the first step of every Chinese address. */
const PROVINCES = [
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '台湾省',
  '香港特别行政区',
  '澳门特别行政区',
];
const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);

type Values = Omit<AddressInput, 'province'> & { province: string[] };

/** The Chinese address form: 收货人, 手机号, 省 / 市 / 区, 详细地址, 默认. */
export function AddressForm({
  initial,
  submitting,
  onSubmit,
  submitText,
}: {
  initial?: Address | undefined;
  submitting: boolean;
  onSubmit: (input: AddressInput) => void;
  submitText?: string;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [pickerOpen, setPickerOpen] = useState(false);

  const finish = (v: Values) => {
    const province = v.province[0] ?? '';
    onSubmit({
      recipient: v.recipient.trim(),
      phone: v.phone.trim(),
      province,
      // A municipality is its own city; fill it so the shopper does not type 北京市 twice.
      city: v.city?.trim() || (MUNICIPALITIES.has(province) ? province : ''),
      district: v.district.trim(),
      detail: v.detail.trim(),
      isDefault: v.isDefault ?? false,
    });
  };

  return (
    <Form
      form={form}
      name="address"
      layout="horizontal"
      initialValues={
        initial
          ? { ...initial, province: [initial.province] }
          : { recipient: '', phone: '', province: [], city: '', district: '', detail: '', isDefault: false }
      }
      onFinish={finish}
      footer={
        <Button block type="submit" color="primary" size="large" loading={submitting} data-testid="address-submit">
          {submitText ?? t('保存地址')}
        </Button>
      }
    >
      <Form.Item
        name="recipient"
        label={t('收货人')}
        rules={[
          { required: true, message: t('请填写收货人') },
          { max: 20, message: t('收货人最多 20 个字') },
        ]}
      >
        <FieldInput maxLength={20} placeholder={t('收货人姓名')} autoComplete="name" data-testid="address-recipient" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('手机号')}
        rules={[
          { required: true, message: t('请输入手机号') },
          { pattern: /^1[3-9]\d{9}$/, message: t('请输入 11 位手机号') },
        ]}
      >
        <FieldInput
          type="tel"
          inputMode="numeric"
          maxLength={11}
          placeholder={t('收货人手机号')}
          autoComplete="tel"
          data-testid="address-phone"
        />
      </Form.Item>
      <Form.Item
        name="province"
        label={t('省份')}
        trigger="onConfirm"
        rules={[{ required: true, type: 'array', min: 1, message: t('请选择省份') }]}
        onClick={() => setPickerOpen(true)}
        arrow
      >
        <Picker
          columns={[PROVINCES.map((p) => ({ label: p, value: p }))]}
          visible={pickerOpen}
          onClose={() => setPickerOpen(false)}
        >
          {(items) => (
            <button type="button" className="picker-trigger" data-testid="address-province">
              {items[0]?.label ?? <span className="placeholder">{t('请选择省份')}</span>}
            </button>
          )}
        </Picker>
      </Form.Item>
      <Form.Item
        name="city"
        label={t('城市')}
        dependencies={['province']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              const province = (getFieldValue('province') as string[] | undefined)?.[0] ?? '';
              if (!value?.trim() && !MUNICIPALITIES.has(province)) throw new Error(t('请填写城市'));
            },
          }),
        ]}
      >
        <FieldInput maxLength={20} placeholder={t('如：杭州市（直辖市可不填）')} data-testid="address-city" />
      </Form.Item>
      <Form.Item name="district" label={t('区县')} rules={[{ required: true, message: t('请填写区县') }]}>
        <FieldInput maxLength={20} placeholder={t('如：西湖区')} data-testid="address-district" />
      </Form.Item>
      <Form.Item
        name="detail"
        label={t('详细地址')}
        rules={[
          { required: true, message: t('请填写详细地址') },
          { min: 4, message: t('详细地址至少 4 个字') },
        ]}
      >
        <FieldTextArea
          maxLength={120}
          rows={2}
          placeholder={t('街道、楼牌号、单元室等')}
          data-testid="address-detail"
        />
      </Form.Item>
      <Form.Item name="isDefault" label={t('设为默认地址')} valuePropName="checked" childElementPosition="right">
        <Switch aria-label={t('设为默认地址')} />
      </Form.Item>
    </Form>
  );
}
