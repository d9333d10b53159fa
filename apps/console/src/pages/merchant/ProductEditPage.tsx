import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Popconfirm, Row, Space, Switch, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, must, problemTitle, type BodyOf } from '../../api/client.ts';
import type { MerchantProduct, PriceHistoryEntry } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT, type Translate } from '../../i18n/index.tsx';
import { PRODUCT_STATUS } from '../shared/productLabels.ts';
import { fieldErrorsOf, formErrorsOf } from './products/fieldErrors.ts';
import { ProductInfoFields, type ProductInfoValues } from './products/ProductInfoFields.tsx';
import { SkuMatrixEditor } from './products/SkuMatrixEditor.tsx';
import { comboKey, generateRows, usableDims, validateRows, type RowErrors, type SkuRow, type SpecDim } from './products/skuMatrix.ts';

type EditSkusBody = BodyOf<'/api/v1/merchant/products/{id}/skus', 'patch'>;
type SkuUpdate = NonNullable<EditSkusBody['updates']>[number];
type SkuAddition = NonNullable<EditSkusBody['additions']>[number];

const rowMessages = (t: Translate) => ({ price: t('请填写售价'), stock: t('请填写库存（整数）'), original: t('划线价须高于售价') });

export default function ProductEditPage() {
  const { productId } = useParams();
  return productId ? <EditProduct key={productId} productId={productId} /> : <CreateProduct />;
}

function CreateProduct() {
  const t = useT();
  const merchantId = useMerchantId();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<ProductInfoValues & { listed: boolean }>();
  const [dims, setDims] = useState<SpecDim[]>([]);
  const [rows, setRows] = useState<SkuRow[]>(() => generateRows([], []));
  const [errors, setErrors] = useState<Map<string, RowErrors>>(new Map());
  const [skuProblem, setSkuProblem] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (body: BodyOf<'/api/v1/merchant/products', 'post'>) => must(api.POST('/api/v1/merchant/products', { body })),
    onSuccess: (p) => {
      notify.success(p.status === 'listed' ? t('商品已发布并上架') : t('商品已保存为草稿'));
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'products'] });
      void navigate(`/merchant/products/${p.id}`, { replace: true });
    },
  });

  const submit = (info: ProductInfoValues & { listed: boolean }) => {
    const enabled = rows.filter((r) => r.enabled);
    const rowErrors = validateRows(enabled, rowMessages(t));
    setErrors(rowErrors);
    setSkuProblem(null);
    if (enabled.length === 0) return setSkuProblem(t('至少启用一个 SKU'));
    if (rowErrors.size > 0) return setSkuProblem(t('请先补全标红的 SKU 信息'));
    create.mutate(
      {
        ...info,
        attributes: info.attributes ?? [],
        images: info.images ?? [],
        specs: usableDims(dims),
        skus: enabled.map((r) => ({ specValues: r.specValues, price: r.price!, stock: r.stock! })),
      },
      {
        onError: (err) => {
          const skuErrors = new Map<string, RowErrors>();
          for (const f of fieldErrorsOf(err)) {
            const [head, index, field] = f.path;
            const row = head === 'skus' ? enabled[Number(index)] : undefined;
            if (row && (field === 'price' || field === 'stock' || field === 'originalPrice')) skuErrors.set(row.key, { ...skuErrors.get(row.key), [field]: f.message });
          }
          const formFields = formErrorsOf<ProductInfoValues & { listed: boolean }>(err, (path) => path[0] !== 'skus' && path[0] !== 'specs');
          if (skuErrors.size > 0) setErrors(skuErrors);
          if (formFields.length > 0) form.setFields(formFields);
          if (skuErrors.size === 0 && formFields.length === 0) setSkuProblem(problemTitle(err));
          notify.error(err);
        },
      },
    );
  };

  return (
    <>
      <Link to="/merchant/products" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined aria-hidden="true" /> {t('返回商品列表')}
      </Link>
      <PageHeader title={t('发布商品')} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ subtitle: '', description: '', images: [], attributes: [], madeToOrder: false, listed: true }}
        onFinish={submit}
        scrollToFirstError
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card title={t('基本信息')}>
              <ProductInfoFields />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={t('规格与价格')}>
              <SkuMatrixEditor
                dims={dims}
                rows={rows}
                errors={errors}
                allowOriginalPrice={false}
                onChange={(d, r) => {
                  setDims(d);
                  setRows(r);
                }}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('新商品还没有成交记录，不能设置划线价：划线价须不高于近 7 日最低成交价（明码标价）。未启用的规格组合不会创建。')}
              </Typography.Paragraph>
              {skuProblem ? <Alert type="error" showIcon role="alert" title={skuProblem} style={{ marginTop: 12 }} /> : null}
            </Card>
            <Card style={{ marginTop: 16 }}>
              <Space size="large" wrap>
                <Form.Item name="listed" label={t('发布后立即上架')} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Switch />
                </Form.Item>
                <Button type="primary" htmlType="submit" size="large" loading={create.isPending} data-testid="product-submit">
                  {t('发布商品')}
                </Button>
              </Space>
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}

/** The editor's rows for a product: its SKUs, plus switched-off rows for combinations it never created. */
function rowsOf(p: MerchantProduct): SkuRow[] {
  const dims = usableDims(p.specs);
  const existing: SkuRow[] = p.skus.map((s) => ({
    key: comboKey(dims, s.specValues),
    id: s.id,
    specValues: s.specValues,
    price: s.price,
    originalPrice: s.originalPrice,
    stock: s.stock,
    enabled: s.enabled,
  }));
  return generateRows(dims, existing, false);
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

  if (query.isPending) return <PageSkeleton />;
  if (query.isError || !product) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={problemTitle(query.error)}
        action={
          <Link to="/merchant/products">
            <Button size="small">{t('返回商品列表')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <>
      <Link to="/merchant/products" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined aria-hidden="true" /> {t('返回商品列表')}
      </Link>
      <PageHeader
        title={
          <Space wrap>
            {t('编辑商品')}
            <StatusTag color={PRODUCT_STATUS[product.status].color} testId="product-status">
              {t(PRODUCT_STATUS[product.status].label)}
            </StatusTag>
          </Space>
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
            <Button type="primary" loading={toggle.isPending} onClick={() => toggle.mutate(true)} data-testid="product-list">
              {t('上架')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <InfoCard product={product} onSaved={saved} />
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
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => update.mutate({ ...v, attributes: v.attributes ?? [], images: v.images ?? [] })}>
        <ProductInfoFields />
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="product-info-save">
          {t('保存商品信息')}
        </Button>
      </Form>
    </Card>
  );
}

function SkuCard({ product, onSaved }: { product: MerchantProduct; onSaved: (p: MerchantProduct) => void }) {
  const t = useT();
  const notify = useNotify();
  const lockedValues = useMemo(() => Object.fromEntries(product.specs.map((d) => [d.name, d.values])), [product.specs]);
  const [dims, setDims] = useState<SpecDim[]>(product.specs);
  const [rows, setRows] = useState<SkuRow[]>(() => rowsOf(product));
  const [errors, setErrors] = useState<Map<string, RowErrors>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const byId = useMemo(() => new Map(product.skus.map((s) => [s.id, s])), [product.skus]);

  const edit = useMutation({
    mutationFn: (body: EditSkusBody) => must(api.PATCH('/api/v1/merchant/products/{id}/skus', { params: { path: { id: product.id } }, body })),
    onSuccess: (p) => {
      onSaved(p);
      notify.success(t('SKU 已保存'));
    },
  });

  const save = () => {
    setProblem(null);
    const rowErrors = validateRows(rows, rowMessages(t));
    setErrors(rowErrors);
    if (rowErrors.size > 0) return setProblem(t('请先补全标红的 SKU 信息'));
    const updates: (SkuUpdate & { key: string })[] = [];
    const additions: (SkuAddition & { key: string })[] = [];
    for (const r of rows) {
      const before = r.id ? byId.get(r.id) : undefined;
      if (before) {
        const u: SkuUpdate & { key: string } = { key: r.key, skuId: before.id };
        if (r.price !== before.price) u.price = r.price!;
        if (r.originalPrice !== before.originalPrice) u.originalPrice = r.originalPrice;
        if (r.stock !== before.stock) u.stock = r.stock!;
        if (r.enabled !== before.enabled) u.enabled = r.enabled;
        if (Object.keys(u).length > 2) updates.push(u);
      } else if (r.enabled) {
        additions.push({ key: r.key, specValues: r.specValues, price: r.price!, stock: r.stock!, enabled: true });
      }
    }
    if (updates.length === 0 && additions.length === 0) return setProblem(t('没有需要保存的修改'));
    const strip = <T extends { key: string }>({ key: _key, ...rest }: T) => rest;
    edit.mutate(
      {
        ...(updates.length ? { updates: updates.map(strip) } : {}),
        ...(additions.length ? { additions: additions.map(strip) } : {}),
      },
      {
        onError: (err) => {
          const next = new Map<string, RowErrors>();
          const put = (rowKey: string, field: keyof RowErrors, message: string) => next.set(rowKey, { ...next.get(rowKey), [field]: message });
          if (err instanceof ApiError && err.problem.type.startsWith('original-price')) {
            // The refusal names the SKU by its spec text (「米白 / 50ml」); show it on that SKU's 划线价.
            const text = err.problem.detail ? `${err.problem.title}：${err.problem.detail}` : err.problem.title;
            const named = updates.filter((u) => err.problem.detail?.includes(`「${byId.get(u.skuId)?.specText ?? ''}」`));
            const targets = named.length > 0 ? named : updates.filter((u) => u.originalPrice !== undefined || u.price !== undefined);
            for (const u of targets) put(u.key, 'originalPrice', text);
          }
          for (const f of fieldErrorsOf(err)) {
            const [group, index, field] = f.path;
            const target = group === 'updates' ? updates[Number(index)] : group === 'additions' ? additions[Number(index)] : undefined;
            if (target && (field === 'price' || field === 'stock' || field === 'originalPrice')) put(target.key, field, f.message);
          }
          setErrors(next);
          if (next.size === 0) setProblem(problemTitle(err));
          notify.error(err);
        },
      },
    );
  };

  const changed = rows.some((r) => {
    const b = r.id ? byId.get(r.id) : undefined;
    return b ? b.price !== r.price || b.originalPrice !== r.originalPrice || b.stock !== r.stock || b.enabled !== r.enabled : r.enabled;
  });

  return (
    <Card
      title={t('规格、价格与库存')}
      extra={
        <Space>
          <Button
            disabled={!changed}
            onClick={() => {
              setDims(product.specs);
              setRows(rowsOf(product));
              setErrors(new Map());
              setProblem(null);
            }}
          >
            {t('撤销修改')}
          </Button>
          <Button type="primary" onClick={save} loading={edit.isPending} disabled={!changed} data-testid="sku-save">
            {t('保存 SKU')}
          </Button>
        </Space>
      }
    >
      <SkuMatrixEditor
        dims={dims}
        rows={rows}
        errors={errors}
        lockedValues={lockedValues}
        allowOriginalPrice
        onChange={(d, r) => {
          setDims(d);
          setRows(r);
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('划线价须高于售价，且不高于该 SKU 近 7 日最低成交价（近 7 日无成交时为最近一次成交价）；从未成交的 SKU 不能设置划线价。库存为修改后的实际数量。')}
      </Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}

function PriceHistoryCard({ productId }: { productId: string }) {
  const t = useT();
  const merchantId = useMerchantId();
  const list = useCursorList(['merchant', merchantId, 'price-history', productId], (cursor) =>
    must(api.GET('/api/v1/merchant/products/{id}/price-history', { params: { path: { id: productId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
  );
  const columns: TableColumnsType<PriceHistoryEntry> = [
    { title: t('时间'), key: 'changedAt', render: (_, e) => dateTime(e.changedAt) },
    { title: t('规格'), dataIndex: 'specText', key: 'specText' },
    { title: t('售价'), key: 'price', align: 'right', render: (_, e) => yuan(e.price) },
    { title: t('划线价'), key: 'originalPrice', align: 'right', render: (_, e) => (e.originalPrice == null ? '—' : yuan(e.originalPrice)) },
  ];
  return (
    <Card title={t('价格变动记录')} style={{ marginTop: 16 }}>
      <CursorTable<PriceHistoryEntry> list={list} rowKey="id" size="small" columns={columns} caption={t('价格变动记录')} empty={t('暂无价格变动')} />
    </Card>
  );
}

