import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Row, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, must, problemTitle, type BodyOf } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { DetailHeader } from '../../../components/DetailHeader.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';
import { AdLawFindings, useAdLawScan } from './AdLawFindings.tsx';
import { fieldErrorsOf, formErrorsOf } from './fieldErrors.ts';
import { ProductInfoFields, type ProductInfoValues } from './ProductInfoFields.tsx';
import { rowMessages } from './rowMessages.ts';
import { SkuMatrixEditor } from './SkuMatrixEditor.tsx';
import { generateRows, usableDims, validateRows, type RowErrors, type SkuRow, type SpecDim } from './skuMatrix.ts';

/** A new product: its information and a SKU matrix; 划线价 stays off until the product has sales. */
export function CreateProduct() {
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
  const adLaw = useAdLawScan();

  const create = useMutation({
    mutationFn: (body: BodyOf<'/api/v1/merchant/products', 'post'>) =>
      must(api.POST('/api/v1/merchant/products', { body })),
    onSuccess: (p) => {
      notify.success(p.status === 'listed' ? t('商品已发布并上架') : t('商品已保存为草稿'));
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'products'] });
      void navigate(`/merchant/products/${p.id}`, { replace: true });
    },
  });

  const submit = (info: ProductInfoValues & { listed: boolean }) => {
    adLaw.mutate({ title: info.title, subtitle: info.subtitle, description: info.description });
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
        skus: enabled.map((r) => ({
          specValues: r.specValues,
          price: r.price!,
          stock: r.stock!,
          weightGrams: r.weightGrams ?? 0,
        })),
      },
      {
        onError: (err) => {
          const skuErrors = new Map<string, RowErrors>();
          for (const f of fieldErrorsOf(err)) {
            const [head, index, field] = f.path;
            const row = head === 'skus' ? enabled[Number(index)] : undefined;
            if (row && (field === 'price' || field === 'stock' || field === 'originalPrice'))
              skuErrors.set(row.key, { ...skuErrors.get(row.key), [field]: f.message });
          }
          const formFields = formErrorsOf<ProductInfoValues & { listed: boolean }>(
            err,
            (path) => path[0] !== 'skus' && path[0] !== 'specs',
          );
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
      <DetailHeader back={{ to: '/merchant/products', label: t('返回商品列表') }} title={t('发布商品')} />
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
              <AdLawFindings scan={adLaw.data} />
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
                {t(
                  '新商品还没有成交记录，不能设置划线价：划线价须不高于近 7 日最低成交价（明码标价）。未启用的规格组合不会创建。',
                )}
              </Typography.Paragraph>
              {skuProblem ? (
                <Alert type="error" showIcon role="alert" title={skuProblem} style={{ marginTop: 12 }} />
              ) : null}
            </Card>
            <Card style={{ marginTop: 16 }}>
              <Space size="large" wrap>
                <Form.Item
                  name="listed"
                  label={t('发布后立即上架')}
                  valuePropName="checked"
                  style={{ marginBottom: 0 }}
                >
                  <Switch />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  size="large"
                  loading={create.isPending}
                  data-testid="product-submit"
                >
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
