import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { localKeys, type LocalOffer, type LocalStore, useOffers, useStores } from './api.ts';
import { OfferModal } from './OfferModal.tsx';
import { StoreModal } from './StoreModal.tsx';

/** 门店: the shop's physical stores (location, hours, services) and the vouchers and set meals each sells. */
export default function StoresPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const stores = useStores();
  const offers = useOffers();
  const [editing, setEditing] = useState<LocalStore | 'new' | null>(null);
  const [offering, setOffering] = useState(false);
  const storeList = stores.data?.items ?? [];
  const storeName = (id: string) => storeList.find((s) => s.id === id)?.name ?? id;
  const end = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/merchant/local/offers/{id}/end', { params: { path: { id } } })),
    onSuccess: (o) => {
      notify.success(t('已结束「{title}」', { title: o.title }));
      void qc.invalidateQueries({ queryKey: localKeys.offers });
    },
    onError: notify.error,
  });
  return (
    <>
      <PageHeader
        title={t('门店')}
        subtitle={t('登记门店位置后，附近 3 公里内的买家能在「附近」看到门店和团购；券码到店后在「核销」页核销。')}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-store">
              {t('登记门店')}
            </Button>
            <Button
              icon={<PlusOutlined />}
              disabled={storeList.length === 0}
              onClick={() => setOffering(true)}
              data-testid="new-offer"
            >
              {t('发布团购')}
            </Button>
          </>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('门店列表')}>
          <Table<LocalStore>
            rowKey="id"
            loading={stores.isPending}
            dataSource={storeList}
            pagination={false}
            locale={{ emptyText: <Empty description={t('还没有门店，先登记一个吧')} /> }}
            columns={[
              {
                title: t('门店'),
                key: 'name',
                render: (_, s) => (
                  <div>
                    <Typography.Text strong>{s.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {s.city} · {s.address}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('坐标'),
                key: 'point',
                render: (_, s) => (
                  <Typography.Text code>
                    {s.lat.toFixed(5)}, {s.lng.toFixed(5)}
                  </Typography.Text>
                ),
              },
              { title: t('营业时间'), dataIndex: 'hours' },
              {
                title: t('服务'),
                key: 'services',
                render: (_, s) => s.services.map((x) => <Tag key={x}>{x}</Tag>),
              },
              {
                title: t('状态'),
                key: 'status',
                render: (_, s) =>
                  s.status === 'open' ? (
                    <StatusTag color="success">{t('营业中')}</StatusTag>
                  ) : (
                    <StatusTag color="default">{t('暂停营业')}</StatusTag>
                  ),
              },
              {
                title: t('操作'),
                key: 'op',
                render: (_, s) => (
                  <Button size="small" onClick={() => setEditing(s)}>
                    {t('修改')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
        <Card title={t('团购券 / 套餐')}>
          <Table<LocalOffer>
            rowKey="id"
            loading={offers.isPending}
            dataSource={offers.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={t('还没有团购')} /> }}
            columns={[
              {
                title: t('团购'),
                key: 'title',
                render: (_, o) => (
                  <div>
                    <Typography.Text strong>{o.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {o.kind === 'voucher' ? t('代金券') : t('套餐')} · {storeName(o.storeId)}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('售价 / 门市价'),
                key: 'price',
                render: (_, o) => `${yuan(o.price)} / ${yuan(o.faceValue)}`,
              },
              { title: t('已售 / 发售'), key: 'sold', render: (_, o) => `${o.sold} / ${o.quota}` },
              { title: t('有效期至'), key: 'valid', render: (_, o) => dateTime(o.validUntil) },
              {
                title: t('过期未使用'),
                key: 'refund',
                render: (_, o) => (o.refundAtExpiry ? t('自动退款') : t('不退款')),
              },
              {
                title: t('状态'),
                key: 'status',
                render: (_, o) =>
                  o.status === 'active' && Date.parse(o.validUntil) > Date.now() ? (
                    <StatusTag color="success">{t('在售')}</StatusTag>
                  ) : (
                    <StatusTag color="default">{t('已结束')}</StatusTag>
                  ),
              },
              {
                title: t('操作'),
                key: 'op',
                render: (_, o) =>
                  o.status === 'active' ? (
                    <Popconfirm
                      title={t('结束「{title}」？', { title: o.title })}
                      description={t('不再发售；已售出的券在有效期内仍可核销。')}
                      okText={t('结束')}
                      cancelText={t('再想想')}
                      onConfirm={() => end.mutate(o.id)}
                    >
                      <Button size="small" danger>
                        {t('结束')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </Card>
      </Space>
      {editing ? (
        <StoreModal
          open
          editing={editing === 'new' ? null : editing}
          stores={storeList}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <OfferModal open={offering} stores={storeList} onClose={() => setOffering(false)} />
    </>
  );
}
