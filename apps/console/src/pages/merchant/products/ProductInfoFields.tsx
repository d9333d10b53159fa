import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Switch, TreeSelect } from 'antd';
import { useT } from '../../../i18n/index.tsx';
import { useCategories } from '../../shared/categories.ts';
import { CopyDraft } from './CopyDraft.tsx';
import { ImagesInput } from './ImagesInput.tsx';

export interface ProductInfoValues {
  title: string;
  subtitle: string;
  categoryId: string;
  description: string;
  images: string[];
  attributes: { name: string; value: string }[];
  madeToOrder: boolean;
}

/** Title, category, images, attributes and description: the fields a product has besides its SKUs. */
export function ProductInfoFields({ productId }: { productId?: string } = {}) {
  const t = useT();
  const categories = useCategories();
  return (
    <>
      <Form.Item
        name="title"
        label={t('商品标题')}
        rules={[
          { required: true, whitespace: true, message: t('请填写商品标题') },
          { min: 2, max: 60, message: t('商品标题为 2–60 个字') },
        ]}
      >
        <Input maxLength={60} showCount data-testid="product-title" />
      </Form.Item>
      <Form.Item name="subtitle" label={t('副标题')} rules={[{ max: 100, message: t('副标题最多 100 个字') }]}>
        <Input maxLength={100} placeholder={t('一句话卖点，选填')} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('类目')} rules={[{ required: true, message: t('请选择类目') }]}>
        <TreeSelect
          treeData={categories.treeData}
          loading={categories.query.isPending}
          placeholder={t('请选择类目')}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          style={{ maxWidth: 360 }}
          data-testid="product-category"
        />
      </Form.Item>
      <Form.Item
        name="images"
        label={t('商品图片')}
        extra={t('最多 9 张，第一张为主图；JPEG、PNG、WebP 或 GIF，单张不超过 5 MB。')}
      >
        <ImagesInput />
      </Form.Item>
      <Form.Item label={t('商品属性')}>
        <Form.List name="attributes">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'name']}
                    noStyle
                    rules={[{ required: true, whitespace: true, message: t('请填写属性名') }]}
                  >
                    <Input
                      aria-label={t('属性名 {n}', { n: i + 1 })}
                      placeholder={t('属性名，如 产地')}
                      maxLength={20}
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'value']}
                    noStyle
                    rules={[{ required: true, whitespace: true, message: t('请填写属性值') }]}
                  >
                    <Input
                      aria-label={t('属性值 {n}', { n: i + 1 })}
                      placeholder={t('属性值，如 云南')}
                      maxLength={100}
                      style={{ width: 280 }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label={t('删除属性 {n}', { n: i + 1 })}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', value: '' })}
                disabled={fields.length >= 30}
                style={{ width: 200 }}
              >
                {t('添加属性')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="description" label={t('商品详情')} rules={[{ max: 10000, message: t('商品详情最多 10000 字') }]}>
        <Input.TextArea rows={5} maxLength={10000} showCount />
      </Form.Item>
      {productId ? <CopyDraft productId={productId} /> : null}
      <Form.Item
        name="madeToOrder"
        label={t('定制商品')}
        valuePropName="checked"
        extra={t('定制商品不支持七天无理由退货。')}
      >
        <Switch />
      </Form.Item>
    </>
  );
}
