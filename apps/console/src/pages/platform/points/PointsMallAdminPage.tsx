import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Segmented, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import type { paths } from '@haowu/api-types';
import { dateTime } from '../../../components/format.ts';
import { useNotify } from '../../../components/feedback.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { type MessageKey, useT } from '../../../i18n/index.tsx';

type Item =
  paths['/api/v1/admin/points/mall-items']['get']['responses'][200]['content']['application/json']['items'][number];
type ItemInput = {
  title: string;
  description: string;
  imageUrl?: string | null;
  pointsCost: number;
  stock: number;
  perUserLimit: number;
  couponTemplateId?: string | null;
};
type Status = 'pending' | 'shipped' | 'cancelled' | 'issued';
const STATUS: Record<Status, { label: MessageKey; color: string }> = {
  pending: { label: '待发货', color: 'orange' },
  shipped: { label: '已发货', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
  issued: { label: '已发券', color: 'blue' },
};

/** 积分商城: goods on offer (points, stock, limit, on/off shelf) and the redemptions to ship. */
export default function PointsMallAdminPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [form] = Form.useForm<ItemInput>();
  const items = useQuery({
    queryKey: ['platform', 'mall-items'],
    queryFn: () => must(api.GET('/api/v1/admin/points/mall-items')),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['platform'] });
  const save = useMutation({
    mutationFn: (input: ItemInput & { id?: string; active?: boolean }) => {
      const { id, ...body } = input;
      return id
        ? must(api.PATCH('/api/v1/admin/points/mall-items/{id}', { params: { path: { id } }, body }))
        : must(api.POST('/api/v1/admin/points/mall-items', { body }));
    },
    onSuccess: () => {
      notify.success(t('已保存'));
      setEditing(null);
      refresh();
    },
    onError: notify.error,
  });
  const open = (item: Item | 'new') => {
    setEditing(item);
    form.setFieldsValue(
      item === 'new'
        ? { title: '', description: '', pointsCost: 500, stock: 100, perUserLimit: 1, imageUrl: null }
        : item,
    );
  };

  return (
    <>
      <PageHeader
        title={t('积分商城')}
        subtitle={t('实物由平台发货，取消兑换会退回积分与库存；优惠券商品（填写平台券模板）兑换即发券。')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('新增商品')}
          </Button>
        }
      />
      <Card title={t('商品')} style={{ marginBottom: 16 }}>
        {items.isError ? (
          <Alert type="error" showIcon title={problemTitle(items.error)} />
        ) : (
          <Table<Item>
            rowKey="id"
            size="small"
            loading={items.isPending}
            dataSource={items.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('名称'), dataIndex: 'title' },
              {
                title: t('类型'),
                dataIndex: 'couponTemplateId',
                render: (v: string | null) => (v ? <Tag color="blue">{t('优惠券')}</Tag> : <Tag>{t('实物')}</Tag>),
              },
              { title: t('所需积分'), dataIndex: 'pointsCost', align: 'right' },
              { title: t('库存'), dataIndex: 'stock', align: 'right' },
              { title: t('已兑换'), dataIndex: 'redeemedCount', align: 'right' },
              { title: t('每人限兑'), dataIndex: 'perUserLimit', align: 'right' },
              {
                title: t('上架'),
                dataIndex: 'active',
                render: (v: boolean, item) => (
                  <Switch
                    checked={v}
                    size="small"
                    onChange={(active) => save.mutate({ ...item, active })}
                    aria-label={t('上架')}
                  />
                ),
              },
              {
                title: t('操作'),
                key: 'edit',
                render: (_, item) => (
                  <Button size="small" onClick={() => open(item)}>
                    {t('编辑')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Redemptions />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新增商品') : t('编辑商品')}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => save.mutate({ ...v, ...(editing && editing !== 'new' ? { id: editing.id } : {}) }))
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('名称')} rules={[{ required: true, min: 2, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('说明')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="imageUrl" label={t('图片地址')}>
            <Input placeholder="/media/…" />
          </Form.Item>
          <Form.Item name="couponTemplateId" label={t('平台券模板 ID（填写则为优惠券商品，兑换即发券）')}>
            <Input placeholder="cpt_…" allowClear />
          </Form.Item>
          <Space>
            <Form.Item name="pointsCost" label={t('所需积分')} rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="stock" label={t('库存')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="perUserLimit" label={t('每人限兑')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

function Redemptions() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>('pending');
  const list = useQuery({
    queryKey: ['platform', 'redemptions', status],
    queryFn: () => must(api.GET('/api/v1/admin/points/redemptions', { params: { query: { status, limit: 50 } } })),
  });
  const decide = useMutation({
    mutationFn: (input: { id: string; action: 'ship' | 'cancel'; note: string }) =>
      must(
        api.POST('/api/v1/admin/points/redemptions/{id}/decision', {
          params: { path: { id: input.id } },
          body: { action: input.action, note: input.note },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['platform'] }),
    onError: notify.error,
  });
  const ask = (id: string, action: 'ship' | 'cancel') => {
    let note = '';
    Modal.confirm({
      title: action === 'ship' ? t('填写快递与单号') : t('取消兑换（退回积分与库存）'),
      content: (
        <Input
          autoFocus
          placeholder={action === 'ship' ? t('如：顺丰 SF1234567890') : t('取消原因')}
          onChange={(e) => (note = e.target.value)}
        />
      ),
      onOk: () => decide.mutateAsync({ id, action, note }),
    });
  };
  return (
    <Card
      title={t('兑换记录')}
      extra={
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: t(STATUS[s].label) }))}
        />
      }
    >
      {list.isError ? (
        <Alert type="error" showIcon title={problemTitle(list.error)} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('暂无记录') }}
          columns={[
            { title: t('兑换时间'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
            { title: t('商品'), dataIndex: 'itemTitle' },
            { title: t('积分'), dataIndex: 'points', align: 'right' },
            {
              title: t('收货人'),
              key: 'to',
              render: (_, r) =>
                r.shipTo ? `${r.shipTo.recipient} ${r.shipTo.phone} ${r.shipTo.address}` : t('优惠券（已直接发放）'),
            },
            {
              title: t('状态'),
              dataIndex: 'status',
              render: (s: Status) => <Tag color={STATUS[s].color}>{t(STATUS[s].label)}</Tag>,
            },
            { title: t('备注'), dataIndex: 'fulfilNote', render: (v: string | null) => v ?? '—' },
            {
              title: t('操作'),
              key: 'act',
              render: (_, r) =>
                r.status === 'pending' ? (
                  <Space>
                    <Button size="small" type="primary" onClick={() => ask(r.id, 'ship')}>
                      {t('发货')}
                    </Button>
                    <Button size="small" danger onClick={() => ask(r.id, 'cancel')}>
                      {t('取消')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
    </Card>
  );
}
