import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { toFen, toYuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { generateRows, usableDims, type RowErrors, type SkuRow, type SpecDim } from './skuMatrix.ts';

const MAX_DIMS = 3;

interface Props {
  dims: SpecDim[];
  rows: SkuRow[];
  onChange: (dims: SpecDim[], rows: SkuRow[]) => void;
  errors: Map<string, RowErrors>;
  /** Existing products keep their dimensions and values (SKUs already sold must stay what they were); new values may be added. */
  lockedValues?: Record<string, string[]>;
  /** Existing products: 划线价 can be set (new products have no sales to justify one). */
  allowOriginalPrice: boolean;
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <Typography.Text
      type="danger"
      id={id}
      role="alert"
      className="cell-wrap"
      style={{ display: 'block', fontSize: 12, marginTop: 2, maxWidth: 240 }}
    >
      {text}
    </Typography.Text>
  );
}

/** Spec dimensions → every combination as a row with price, 划线价, stock and an on/off switch. */
export function SkuMatrixEditor({ dims, rows, onChange, errors, lockedValues, allowOriginalPrice }: Props) {
  const specsLocked = lockedValues !== undefined;
  const t = useT();
  const [bulkPrice, setBulkPrice] = useState<number | null>(null);
  const [bulkStock, setBulkStock] = useState<number | null>(null);
  const usable = usableDims(dims);

  const setDims = (next: SpecDim[]) => onChange(next, generateRows(next, rows));
  const setRow = (key: string, patch: Partial<SkuRow>) =>
    onChange(
      dims,
      rows.map((r) => (r.key === key ? { ...r, ...patch } : r)),
    );

  const columns: TableColumnsType<SkuRow> = [
    ...usable.map((d, di) => ({
      title: d.name,
      key: `dim:${d.name}`,
      render: (_: unknown, r: SkuRow) => (
        <>
          {r.specValues[d.name]}
          {specsLocked && !r.id && di === usable.length - 1 ? (
            <Tag style={{ marginInlineStart: 6 }}>{r.enabled ? t('新增') : t('未创建')}</Tag>
          ) : null}
        </>
      ),
    })),
    ...(usable.length === 0 ? [{ title: t('规格'), key: 'default', render: () => t('默认') }] : []),
    {
      title: t('售价（元）'),
      key: 'price',
      render: (_, r, i) => (
        <>
          <InputNumber
            aria-label={t('第 {n} 行售价', { n: i + 1 })}
            min={0.01}
            precision={2}
            value={r.price == null ? null : toYuan(r.price)}
            onChange={(v) => setRow(r.key, { price: v == null ? null : toFen(v) })}
            status={errors.get(r.key)?.price ? 'error' : undefined}
            aria-describedby={errors.get(r.key)?.price ? `sku-${i}-price-error` : undefined}
            data-testid={`sku-price-${i}`}
          />
          <FieldError id={`sku-${i}-price-error`} text={errors.get(r.key)?.price} />
        </>
      ),
    },
    {
      title: t('原价（划线价，元）'),
      key: 'originalPrice',
      render: (_, r, i) => (
        <>
          <InputNumber
            aria-label={t('第 {n} 行划线价', { n: i + 1 })}
            min={0.01}
            precision={2}
            disabled={!allowOriginalPrice || !r.id}
            placeholder={allowOriginalPrice && r.id ? t('不设置') : t('不可设置')}
            title={allowOriginalPrice && r.id ? undefined : t('有成交后可设')}
            style={{ width: 120 }}
            value={r.originalPrice == null ? null : toYuan(r.originalPrice)}
            onChange={(v) => setRow(r.key, { originalPrice: v == null ? null : toFen(v) })}
            status={errors.get(r.key)?.originalPrice ? 'error' : undefined}
            aria-describedby={errors.get(r.key)?.originalPrice ? `sku-${i}-original-error` : undefined}
            aria-invalid={errors.get(r.key)?.originalPrice ? true : undefined}
            data-testid={`sku-original-${i}`}
          />
          <FieldError id={`sku-${i}-original-error`} text={errors.get(r.key)?.originalPrice} />
        </>
      ),
    },
    {
      title: t('库存'),
      key: 'stock',
      render: (_, r, i) => (
        <>
          <InputNumber
            aria-label={t('第 {n} 行库存', { n: i + 1 })}
            min={0}
            precision={0}
            value={r.stock}
            onChange={(v) => setRow(r.key, { stock: v })}
            status={errors.get(r.key)?.stock ? 'error' : undefined}
            data-testid={`sku-stock-${i}`}
          />
          <FieldError id={`sku-${i}-stock-error`} text={errors.get(r.key)?.stock} />
        </>
      ),
    },
    {
      title: t('重量（克）'),
      key: 'weightGrams',
      render: (_, r, i) => (
        <>
          <InputNumber
            aria-label={t('第 {n} 行重量（克）', { n: i + 1 })}
            min={0}
            max={1_000_000}
            precision={0}
            placeholder={t('按重量计运费时必填')}
            style={{ width: 150 }}
            value={r.weightGrams}
            onChange={(v) => setRow(r.key, { weightGrams: v })}
            status={errors.get(r.key)?.weightGrams ? 'error' : undefined}
            data-testid={`sku-weight-${i}`}
          />
          <FieldError id={`sku-${i}-weight-error`} text={errors.get(r.key)?.weightGrams} />
        </>
      ),
    },
    ...(specsLocked
      ? [
          {
            title: t('商家编码'),
            key: 'code',
            render: (_: unknown, r: SkuRow, i: number) => (
              <>
                <Input
                  aria-label={t('第 {n} 行商家编码', { n: i + 1 })}
                  maxLength={40}
                  disabled={!r.id}
                  placeholder={r.id ? t('如 CREAM-50') : t('保存后可填')}
                  style={{ width: 140 }}
                  value={r.code}
                  onChange={(e) => setRow(r.key, { code: e.target.value.trim() })}
                  status={errors.get(r.key)?.code ? 'error' : undefined}
                  data-testid={`sku-code-${i}`}
                />
                <FieldError id={`sku-${i}-code-error`} text={errors.get(r.key)?.code} />
              </>
            ),
          },
        ]
      : []),
    {
      title: t('启用'),
      key: 'enabled',
      width: 80,
      render: (_, r, i) => (
        <Switch
          aria-label={t('第 {n} 行启用', { n: i + 1 })}
          checked={r.enabled}
          onChange={(enabled) => setRow(r.key, { enabled })}
          size="small"
        />
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('规格维度')} data-testid="spec-dims">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {dims.length === 0 ? (
            <Typography.Text type="secondary">{t('没有规格维度时，商品只有一个默认 SKU。')}</Typography.Text>
          ) : null}
          {dims.map((d, i) => (
            <Flex key={i} gap={8} align="center" wrap>
              <Input
                aria-label={t('规格名 {n}', { n: i + 1 })}
                placeholder={t('规格名，如 颜色')}
                value={d.name}
                disabled={specsLocked}
                maxLength={10}
                style={{ width: 160 }}
                onChange={(e) => setDims(dims.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <Select
                mode="tags"
                aria-label={t('规格值 {n}', { n: i + 1 })}
                placeholder={t('输入规格值后回车，如 米白')}
                value={d.values}
                open={false}
                tokenSeparators={[',', '，']}
                style={{ flex: 1, minWidth: 280 }}
                tagRender={({ label, value, closable, onClose }) => (
                  <Tag
                    closable={closable && !lockedValues?.[d.name]?.includes(String(value))}
                    onClose={onClose}
                    style={{ marginInlineEnd: 4 }}
                  >
                    {label}
                  </Tag>
                )}
                onChange={(values: string[]) => {
                  const kept = [
                    ...new Set([...(lockedValues?.[d.name] ?? []), ...values.map((v) => v.trim()).filter(Boolean)]),
                  ];
                  setDims(dims.map((x, j) => (j === i ? { ...x, values: kept } : x)));
                }}
              />
              {specsLocked ? null : (
                <Button
                  aria-label={t('删除规格 {n}', { n: i + 1 })}
                  icon={<DeleteOutlined />}
                  onClick={() => setDims(dims.filter((_, j) => j !== i))}
                />
              )}
            </Flex>
          ))}
          {specsLocked ? (
            <Typography.Text type="secondary">
              {t(
                '已创建的商品不能增删规格维度或删除已有规格值；可以新增规格值，并调整每个 SKU 的价格、划线价、库存和启用状态。',
              )}
            </Typography.Text>
          ) : (
            <Button
              icon={<PlusOutlined />}
              disabled={dims.length >= MAX_DIMS}
              onClick={() => setDims([...dims, { name: '', values: [] }])}
            >
              {t('添加规格维度')}
            </Button>
          )}
        </Space>
      </Card>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('批量设置')}</Typography.Text>
        <InputNumber
          aria-label={t('批量售价（元）')}
          placeholder={t('售价（元）')}
          min={0.01}
          precision={2}
          value={bulkPrice}
          onChange={setBulkPrice}
          style={{ width: 120 }}
        />
        <InputNumber
          aria-label={t('批量库存')}
          placeholder={t('库存')}
          min={0}
          precision={0}
          value={bulkStock}
          onChange={setBulkStock}
          style={{ width: 120 }}
        />
        <Button
          disabled={bulkPrice == null && bulkStock == null}
          onClick={() =>
            onChange(
              dims,
              rows.map((r) => ({
                ...r,
                ...(bulkPrice != null ? { price: toFen(bulkPrice) } : {}),
                ...(bulkStock != null ? { stock: bulkStock } : {}),
              })),
            )
          }
        >
          {t('应用到全部 SKU')}
        </Button>
      </Flex>
      <Table<SkuRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="sku-matrix"
        scroll={{ x: true }}
      />
    </Space>
  );
}
