import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';
import { localKeys, type LocalStore } from './api.ts';
import { CoordinatePicker, type LatLng } from './CoordinatePicker.tsx';

interface Values {
  name: string;
  address: string;
  city: string;
  hours: string;
  services: string[];
  point: LatLng;
  status: 'open' | 'closed';
}

const SERVICE_OPTIONS = ['堂食', '外带', '预约', '停车', 'WiFi', '包间', '儿童座椅', '宠物友好'];

/** 登记 / 修改门店: name, address, coordinates (picked on the grid or typed), hours and services. */
export function StoreModal({
  open,
  editing,
  stores,
  onClose,
}: {
  open: boolean;
  editing: LocalStore | null;
  stores: LocalStore[];
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name,
        address: v.address,
        city: v.city,
        hours: v.hours,
        services: v.services,
        lat: v.point.lat,
        lng: v.point.lng,
        status: v.status,
      };
      return editing
        ? must(api.PUT('/api/v1/merchant/local/stores/{id}', { params: { path: { id: editing.id } }, body }))
        : must(api.POST('/api/v1/merchant/local/stores', { body }));
    },
    onSuccess: (s) => {
      notify.success(t('已保存门店「{name}」', { name: s.name }));
      void qc.invalidateQueries({ queryKey: localKeys.stores });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={open}
      width={640}
      title={editing ? t('修改门店') : t('登记门店')}
      okText={t('保存')}
      cancelText={t('取消')}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { ...editing, point: { lat: editing.lat, lng: editing.lng } }
            : { hours: '10:00-22:00', services: [], status: 'open' }
        }
      >
        <Form.Item name="name" label={t('门店名称')} rules={[{ required: true, message: t('请填写门店名称') }]}>
          <Input maxLength={60} data-testid="store-name" />
        </Form.Item>
        <Form.Item name="city" label={t('城市')} rules={[{ required: true, message: t('请填写城市') }]}>
          <Input maxLength={30} placeholder={t('如 上海')} data-testid="store-city" />
        </Form.Item>
        <Form.Item name="address" label={t('详细地址')} rules={[{ required: true, message: t('请填写详细地址') }]}>
          <Input maxLength={200} data-testid="store-address" />
        </Form.Item>
        <Form.Item name="point" label={t('位置')} rules={[{ required: true, message: t('请在网格上点选或填写坐标') }]}>
          <CoordinatePicker
            others={stores.filter((s) => s.id !== editing?.id).map((s) => ({ lat: s.lat, lng: s.lng, name: s.name }))}
          />
        </Form.Item>
        <Form.Item name="hours" label={t('营业时间')} rules={[{ required: true, message: t('请填写营业时间') }]}>
          <Input maxLength={60} placeholder="10:00-22:00" />
        </Form.Item>
        <Form.Item name="services" label={t('服务')}>
          <Select mode="tags" options={SERVICE_OPTIONS.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="status" label={t('状态')}>
          <Select
            options={[
              { value: 'open', label: t('营业中') },
              { value: 'closed', label: t('暂停营业') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
