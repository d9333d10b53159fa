import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Segmented,
  Space,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import type { ProductListItem, ProductStatus } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { useCategories } from '../shared/categories.ts';
import { PRODUCT_STATUS } from '../shared/productLabels.ts';

const STATUSES: (ProductStatus | 'all')[] = ['all', 'listed', 'delisted', 'draft'];

export default function ProductsPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const categories = useCategories();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'all';
  const keyword = params.get('keyword') ?? '';
  const categoryId = params.get('categoryId') ?? '';
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const list = useCursorList(['merchant', merchantId, 'products', status, keyword, categoryId], (cursor) =>
    must(
      api.GET('/api/v1/merchant/products', {
        params: {
          query: {
            limit: 20,
            ...(cursor ? { cursor } : {}),
            ...(status !== 'all' ? { status } : {}),
            ...(keyword ? { keyword } : {}),
            ...(categoryId ? { categoryId } : {}),
          },
        },
      }),
    ),
  );

  const toggle = useMutation({
    mutationFn: ({ id, listed }: { id: string; listed: boolean }) =>
      listed
        ? must(api.POST('/api/v1/merchant/products/{id}/list', { params: { path: { id } } }))
        : must(api.POST('/api/v1/merchant/products/{id}/delist', { params: { path: { id } } })),
    onSuccess: (p) => {
      notify.success(p.status === 'listed' ? t('已上架') : t('已下架'));
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'products'] });
      qc.setQueryData(['merchant', merchantId, 'product', p.id], p);
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<ProductListItem> = [
    {
      title: t('商品'),
      key: 'title',
      render: (_, p) => (
        <Space align="start">
          {p.images[0] ? (
            <img
              src={p.images[0]}
              alt=""
              width={56}
              height={56}
              style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }}
            />
          ) : (
            <div style={{ width: 56, height: 56, background: '#f0f0f0', borderRadius: 4 }} />
          )}
          <div className="cell-wrap" style={{ minWidth: 220, maxWidth: 320 }}>
            <Link to={`/merchant/products/${p.id}`}>{p.title}</Link>
            {p.subtitle ? (
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {p.subtitle}
              </Typography.Text>
            ) : null}
          </div>
        </Space>
      ),
    },
    { title: t('类目'), key: 'category', render: (_, p) => categories.names.get(p.categoryId) ?? '—' },
    {
      title: t('价格'),
      key: 'price',
      align: 'right',
      render: (_, p) => (p.minPrice === p.maxPrice ? yuan(p.minPrice) : `${yuan(p.minPrice)} – ${yuan(p.maxPrice)}`),
    },
    {
      title: t('库存'),
      key: 'stock',
      align: 'right',
      render: (_, p) =>
        p.totalStock === 0 ? <Typography.Text type="danger">{t('无库存')}</Typography.Text> : p.totalStock,
    },
    { title: t('SKU 数'), dataIndex: 'skuCount', key: 'skuCount', align: 'right' },
    { title: t('销量'), dataIndex: 'salesCount', key: 'salesCount', align: 'right' },
    {
      title: t('状态'),
      key: 'status',
      render: (_, p) => (
        <StatusTag color={PRODUCT_STATUS[p.status].color}>{t(PRODUCT_STATUS[p.status].label)}</StatusTag>
      ),
    },
    { title: t('更新时间'), key: 'updatedAt', render: (_, p) => dateTime(p.updatedAt) },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, p) => (
        <Space size="small">
          <Link to={`/merchant/products/${p.id}`}>{t('编辑')}</Link>
          {p.status === 'listed' ? (
            <Popconfirm
              title={t('下架「{title}」？', { title: p.title })}
              description={t('下架后买家看不到这件商品，也不能再购买。')}
              okText={t('下架')}
              okButtonProps={{ danger: true }}
              onConfirm={() => toggle.mutate({ id: p.id, listed: false })}
            >
              <Button size="small" danger data-testid="product-delist">
                {t('下架')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => toggle.mutate({ id: p.id, listed: true })} data-testid="product-list">
              {t('上架')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('商品管理')}
        extra={
          <Link to="/merchant/products/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="product-create">
              {t('发布商品')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex gap={12} wrap className="filter-bar" role="search" aria-label={t('筛选商品')}>
          <Segmented
            aria-label={t('商品状态')}
            value={status}
            onChange={(v) => setFilter('status', v)}
            options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('全部') : t(PRODUCT_STATUS[s].label) }))}
          />
          <TreeSelect
            aria-label={t('商品类目')}
            allowClear
            placeholder={t('全部类目')}
            style={{ width: 220 }}
            value={categoryId || undefined}
            treeData={categories.treeData.map((n) => ({ ...n, selectable: true }))}
            onChange={(v?: string) => setFilter('categoryId', v ?? '')}
          />
          <Input.Search
            aria-label={t('搜索商品')}
            placeholder={t('商品标题关键词')}
            allowClear
            defaultValue={keyword}
            style={{ width: 240 }}
            onSearch={(v) => setFilter('keyword', v.trim())}
          />
        </Flex>
        <CursorTable<ProductListItem>
          list={list}
          rowKey="id"
          columns={columns}
          caption={t('商品列表')}
          empty={
            status === 'all' && !keyword && !categoryId
              ? t('还没有商品，点击「发布商品」添加第一件')
              : t('没有符合筛选条件的商品')
          }
          onRow={(p) => ({ 'data-testid': 'product-row', 'data-product-id': p.id }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
