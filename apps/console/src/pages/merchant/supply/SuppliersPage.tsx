import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { percent, supplyKeys, type SupplierRow, useSuppliers } from './api.ts';
import { ConcentrationBanner } from './ConcentrationBanner.tsx';

interface SupplierForm {
  name: string;
  origin: string;
  factoryDirect: boolean;
  qualifications: string[];
  leadTimeDays: number;
}

/** 供应商: who supplies the shop, from where, how fast and how well (quality history from receipts). */
export default function SuppliersPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useSuppliers(merchantId);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string>();
  const [form] = Form.useForm<SupplierForm>();

  const create = useMutation({
    mutationFn: (body: SupplierForm) => must(api.POST('/api/v1/merchant/supply/suppliers', { body })),
    onSuccess: (s) => {
      notify.success(t('已添加供应商「{name}」', { name: s.name }));
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: supplyKeys.suppliers(merchantId) });
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<SupplierRow> = [
    { title: t('供应商'), key: 'name', render: (_, s) => <a onClick={() => setOpenId(s.id)}>{s.name}</a> },
    { title: t('产地'), dataIndex: 'origin' },
    {
      title: t('类型'),
      key: 'direct',
      render: (_, s) => (s.factoryDirect ? <Tag color="green">{t('工厂直供')}</Tag> : <Tag>{t('经销商')}</Tag>),
    },
    { title: t('交期（天）'), dataIndex: 'leadTimeDays', align: 'right' },
    { title: t('供货规格数'), dataIndex: 'skuCount', align: 'right' },
    {
      title: t('收货检验'),
      key: 'quality',
      render: (_, s) =>
        s.defectBp === null
          ? t('尚无收货')
          : t('合格 {ok} 件，不合格 {bad} 件（{rate}）', {
              ok: s.acceptedQty,
              bad: s.rejectedQty,
              rate: percent(s.defectBp),
            }),
    },
    { title: t('资质'), key: 'qual', render: (_, s) => s.qualifications.map((q) => <Tag key={q}>{q}</Tag>) },
  ];

  return (
    <>
      <PageHeader
        title={t('供应商')}
        subtitle={t('供应商资料、供货规格与成本、质量记录')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('添加供应商')}
          </Button>
        }
      />
      <ConcentrationBanner />
      <Card>
        <Table rowKey="id" columns={columns} dataSource={list.data ?? []} loading={list.isLoading} pagination={false} />
      </Card>
      <Modal
        open={creating}
        title={t('添加供应商')}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v) => create.mutate(v))}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ factoryDirect: true, qualifications: [], leadTimeDays: 7 }}
        >
          <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请填写名称') }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="origin" label={t('产地')} rules={[{ required: true, message: t('请填写产地') }]}>
            <Input placeholder={t('如 云南省普洱市')} maxLength={60} />
          </Form.Item>
          <Form.Item name="factoryDirect" label={t('工厂直供')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="qualifications" label={t('资质')}>
            <Select mode="tags" placeholder={t('输入后回车，如 食品生产许可证 SC…')} />
          </Form.Item>
          <Form.Item name="leadTimeDays" label={t('交期（天）')} rules={[{ required: true }]}>
            <InputNumber min={0} max={365} />
          </Form.Item>
        </Form>
      </Modal>
      {openId && <SupplierDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </>
  );
}

function SupplierDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const merchantId = useMerchantId();
  const detail = useQuery({
    queryKey: [...supplyKeys.suppliers(merchantId), id],
    queryFn: () => must(api.GET('/api/v1/merchant/supply/suppliers/{id}', { params: { path: { id } } })),
  });
  const s = detail.data;
  return (
    <Drawer open width={720} title={s?.name ?? t('供应商')} onClose={onClose} loading={detail.isLoading}>
      {s && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('产地')}>{s.origin}</Descriptions.Item>
            <Descriptions.Item label={t('交期（天）')}>{s.leadTimeDays}</Descriptions.Item>
            <Descriptions.Item label={t('类型')}>{s.factoryDirect ? t('工厂直供') : t('经销商')}</Descriptions.Item>
            <Descriptions.Item label={t('资质')}>{s.qualifications.join('、') || '—'}</Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 24 }}>{t('供货规格')}</h4>
          <Table
            rowKey="skuId"
            size="small"
            pagination={false}
            dataSource={s.links}
            columns={[
              { title: t('商品'), key: 'p', render: (_, l) => `${l.productTitle} · ${l.specText}` },
              { title: t('单位成本'), key: 'c', align: 'right', render: (_, l) => yuan(l.unitCost) },
              { title: t('计划占比'), key: 's', align: 'right', render: (_, l) => `${l.sharePct}%` },
            ]}
          />
          <h4 style={{ marginTop: 24 }}>{t('质量记录')}</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.quality}
            columns={[
              { title: t('时间'), key: 't', render: (_, q) => dateTime(q.recordedAt) },
              { title: t('合格'), dataIndex: 'acceptedQty', align: 'right' },
              { title: t('不合格'), dataIndex: 'rejectedQty', align: 'right' },
              { title: t('说明'), dataIndex: 'note', ellipsis: true },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
