import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError, must, problemTitle, type BodyOf } from '../../../api/client.ts';
import type { MerchantProduct } from '../../../api/types.ts';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';
import { fieldErrorsOf } from './fieldErrors.ts';
import { rowMessages } from './rowMessages.ts';
import { SkuMatrixEditor } from './SkuMatrixEditor.tsx';
import {
  comboKey,
  generateRows,
  usableDims,
  validateRows,
  type RowErrors,
  type SkuRow,
  type SpecDim,
} from './skuMatrix.ts';

type EditSkusBody = BodyOf<'/api/v1/merchant/products/{id}/skus', 'patch'>;
type SkuUpdate = NonNullable<EditSkusBody['updates']>[number];
type SkuAddition = NonNullable<EditSkusBody['additions']>[number];

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
    weightGrams: s.weightGrams,
    code: s.code ?? '',
  }));
  return generateRows(dims, existing, false);
}

/** An existing product's SKUs: price, 划线价, stock and switch per SKU, and new combinations; saved in one request. */
export function SkuCard({ product, onSaved }: { product: MerchantProduct; onSaved: (p: MerchantProduct) => void }) {
  const t = useT();
  const notify = useNotify();
  const lockedValues = useMemo(() => Object.fromEntries(product.specs.map((d) => [d.name, d.values])), [product.specs]);
  const [dims, setDims] = useState<SpecDim[]>(product.specs);
  const [rows, setRows] = useState<SkuRow[]>(() => rowsOf(product));
  const [errors, setErrors] = useState<Map<string, RowErrors>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const byId = useMemo(() => new Map(product.skus.map((s) => [s.id, s])), [product.skus]);

  const edit = useMutation({
    mutationFn: (body: EditSkusBody) =>
      must(api.PATCH('/api/v1/merchant/products/{id}/skus', { params: { path: { id: product.id } }, body })),
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
        if ((r.weightGrams ?? 0) !== before.weightGrams) u.weightGrams = r.weightGrams ?? 0;
        if (r.code !== (before.code ?? '')) u.code = r.code === '' ? null : r.code;
        if (Object.keys(u).length > 2) updates.push(u);
      } else if (r.enabled) {
        additions.push({
          key: r.key,
          specValues: r.specValues,
          price: r.price!,
          stock: r.stock!,
          enabled: true,
          weightGrams: r.weightGrams ?? 0,
        });
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
          const put = (rowKey: string, field: keyof RowErrors, message: string) =>
            next.set(rowKey, { ...next.get(rowKey), [field]: message });
          if (err instanceof ApiError && err.problem.type === 'sku-code-taken') {
            const text = `${err.problem.title}：${err.problem.detail ?? ''}`;
            for (const u of updates.filter((x) => x.code && err.problem.detail?.includes(`「${x.code}」`)))
              put(u.key, 'code', text);
          }
          if (err instanceof ApiError && err.problem.type.startsWith('original-price')) {
            // The refusal names the SKU by its spec text (「米白 / 50ml」); show it on that SKU's 划线价.
            const text = err.problem.detail ? `${err.problem.title}：${err.problem.detail}` : err.problem.title;
            const named = updates.filter((u) =>
              err.problem.detail?.includes(`「${byId.get(u.skuId)?.specText ?? ''}」`),
            );
            const targets =
              named.length > 0 ? named : updates.filter((u) => u.originalPrice !== undefined || u.price !== undefined);
            for (const u of targets) put(u.key, 'originalPrice', text);
          }
          for (const f of fieldErrorsOf(err)) {
            const [group, index, field] = f.path;
            const target =
              group === 'updates'
                ? updates[Number(index)]
                : group === 'additions'
                  ? additions[Number(index)]
                  : undefined;
            if (
              target &&
              (field === 'price' ||
                field === 'stock' ||
                field === 'originalPrice' ||
                field === 'weightGrams' ||
                field === 'code')
            )
              put(target.key, field, f.message);
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
    return b
      ? b.price !== r.price ||
          b.originalPrice !== r.originalPrice ||
          b.stock !== r.stock ||
          b.enabled !== r.enabled ||
          b.weightGrams !== (r.weightGrams ?? 0) ||
          (b.code ?? '') !== r.code
      : r.enabled;
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
        {t(
          '划线价须高于售价，且不高于该 SKU 近 7 日最低成交价（近 7 日无成交时为最近一次成交价）；从未成交的 SKU 不能设置划线价。库存为修改后的实际数量。重量用于按重量计费的运费模板；商家编码用于数据导入导出，店内唯一。',
        )}
      </Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}
