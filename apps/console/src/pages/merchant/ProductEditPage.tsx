import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Popconfirm, Row } from 'antd';
import { useParams } from 'react-router';
import { api, must, type BodyOf } from '../../api/client.ts';
import type { MerchantProduct } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { DetailHeader, DetailPending } from '../../components/DetailHeader.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { PRODUCT_STATUS } from '../shared/productLabels.ts';
import { CreateProduct } from './products/CreateProduct.tsx';
import { AdLawFindings, useAdLawScan } from './products/AdLawFindings.tsx';
import { CharityCard } from './products/CharityCard.tsx';
import { formErrorsOf } from './products/fieldErrors.ts';
import { PriceHistoryCard } from './products/PriceHistoryCard.tsx';
import { ProductInfoFields, type ProductInfoValues } from './products/ProductInfoFields.tsx';
import { SkuCard } from './products/SkuCard.tsx';

export default function ProductEditPage() {
  const { productId } = useParams();
  return productId ? <EditProduct key={productId} productId={productId} /> : <CreateProduct />;
}

function EditProduct({ productId }: { productId: string }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const key = ['merchant', merchantId, 'product', productId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => must(api.GET('/api/v1/merchant/products/{id}', { params: { path: { id: productId } } })),
  });
  const product = query.data;
  const saved = (p: MerchantProduct) => {
    qc.setQueryData(key, p);
    void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'products'] });
    void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'price-history', productId] });
  };
  const toggle = useMutation({
    mutationFn: (listed: boolean) =>
      listed
        ? must(api.POST('/api/v1/merchant/products/{id}/list', { params: { path: { id: productId } } }))
        : must(api.POST('/api/v1/merchant/products/{id}/delist', { params: { path: { id: productId } } })),
    onSuccess: (p) => {
      saved(p);
      notify.success(p.status === 'listed' ? t('已上架') : t('已下架'));
    },
    onError: notify.error,
  });

  const back = { to: '/merchant/products', label: t('返回商品列表') };
  if (!product) return <DetailPending back={back} error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <>
      <DetailHeader
        back={back}
        title={t('编辑商品')}
        status={
          <StatusTag color={PRODUCT_STATUS[product.status].color} testId="product-status">
            {t(PRODUCT_STATUS[product.status].label)}
          </StatusTag>
        }
        subtitle={t('销量 {sales} · 评分 {rating} · 更新于 {at}', {
          sales: product.salesCount,
          rating: product.rating.average == null ? '—' : product.rating.average.toFixed(1),
          at: dateTime(product.updatedAt),
        })}
        extra={
          product.status === 'listed' ? (
            <Popconfirm
              title={t('下架这件商品？')}
              description={t('下架后买家看不到这件商品，也不能再购买。')}
              okText={t('下架')}
              okButtonProps={{ danger: true }}
              onConfirm={() => toggle.mutate(false)}
            >
              <Button danger loading={toggle.isPending} data-testid="product-delist">
                {t('下架')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="primary"
              loading={toggle.isPending}
              onClick={() => toggle.mutate(true)}
              data-testid="product-list"
            >
              {t('上架')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <InfoCard product={product} onSaved={saved} />
          <CharityCard productId={productId} minPrice={product.minPrice} />
        </Col>
        <Col xs={24} xl={14}>
          <SkuCard key={product.updatedAt} product={product} onSaved={saved} />
          <PriceHistoryCard productId={productId} />
        </Col>
      </Row>
    </>
  );
}

function InfoCard({ product, onSaved }: { product: MerchantProduct; onSaved: (p: MerchantProduct) => void }) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<ProductInfoValues>();
  const adLaw = useAdLawScan();
  const update = useMutation({
    mutationFn: (body: BodyOf<'/api/v1/merchant/products/{id}', 'patch'>) =>
      must(api.PATCH('/api/v1/merchant/products/{id}', { params: { path: { id: product.id } }, body })),
    onSuccess: (p) => {
      onSaved(p);
      notify.success(t('商品信息已保存'));
    },
    onError: (err) => {
      const fields = formErrorsOf<ProductInfoValues>(err);
      if (fields.length > 0) form.setFields(fields);
      notify.error(err);
    },
  });
  const initial: ProductInfoValues = {
    title: product.title,
    subtitle: product.subtitle,
    categoryId: product.categoryId,
    description: product.description,
    images: product.images,
    attributes: product.attributes,
    madeToOrder: product.madeToOrder,
  };
  return (
    <Card title={t('基本信息')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          adLaw.mutate({ title: v.title, subtitle: v.subtitle, description: v.description });
          update.mutate({ ...v, attributes: v.attributes ?? [], images: v.images ?? [] });
        }}
      >
        <ProductInfoFields productId={product.id} />
        <AdLawFindings scan={adLaw.data} />
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="product-info-save">
          {t('保存商品信息')}
        </Button>
      </Form>
    </Card>
  );
}
