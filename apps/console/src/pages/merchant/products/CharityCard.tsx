import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { api, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { yuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { formErrorsOf } from './fieldErrors.ts';

interface CharityValues {
  projectId?: string;
  /** Yuan as typed; the server takes 分. */
  amountPerItem?: number;
}

/**
 * 公益商品: the merchant pledges a fixed amount per item sold to an active charity project. It is paid out of the
 * sale (the merchant's proceeds), shown on the product page and the public charity ledger, and buyers get a
 * donation certificate. Changes apply to later sales.
 */
export function CharityCard({ productId, minPrice }: { productId: string; minPrice: number }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<CharityValues>();
  const key = ['merchant', merchantId, 'product-charity', productId];
  const pledge = useQuery({
    queryKey: key,
    queryFn: () => must(api.GET('/api/v1/merchant/products/{id}/charity', { params: { path: { id: productId } } })),
  });
  const projects = useQuery({
    queryKey: ['charity', 'projects'],
    queryFn: () => must(api.GET('/api/v1/charity/projects')),
  });
  const save = useMutation({
    mutationFn: (v: Required<CharityValues>) =>
      must(
        api.PUT('/api/v1/merchant/products/{id}/charity', {
          params: { path: { id: productId } },
          body: { projectId: v.projectId, amountPerItem: Math.round(v.amountPerItem * 100) },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(key, p);
      notify.success(t('已设为公益商品'));
    },
    onError: (err) => {
      const fields = formErrorsOf<CharityValues>(err);
      if (fields.length > 0) form.setFields(fields);
      notify.error(err);
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      must(api.DELETE('/api/v1/merchant/products/{id}/charity', { params: { path: { id: productId } } })),
    onSuccess: () => {
      qc.setQueryData(key, { pledge: null });
      form.resetFields();
      notify.success(t('已取消公益商品'));
    },
    onError: notify.error,
  });

  const current = pledge.data?.pledge ?? null;
  return (
    <Card
      title={t('公益商品')}
      style={{ marginTop: 16 }}
      loading={pledge.isPending}
      extra={current ? <Tag color="green">{t('公益商品')}</Tag> : <Tag>{t('未设置')}</Tag>}
      data-testid="product-charity"
    >
      {pledge.isError ? (
        <Alert type="error" showIcon title={t('公益设置加载失败')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t(
              '每售出一件，从本单货款中捐赠固定金额给所选公益项目：记入公开的公益账本，买家获得捐赠证书；退款时按比例冲回。修改只影响之后的订单。',
            )}
          </Typography.Paragraph>
          {current && !current.projectActive ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('「{project}」已结束募捐，之后的订单暂不捐赠，请改选其他项目', {
                project: current.projectTitle,
              })}
            />
          ) : null}
          {current ? (
            <Typography.Paragraph data-testid="product-charity-current">
              {t('当前：每售出一件捐赠 {amount} 给「{project}」', {
                amount: yuan(current.amountPerItem),
                project: current.projectTitle,
              })}
            </Typography.Paragraph>
          ) : null}
          <Form<CharityValues>
            key={current?.updatedAt ?? 'none'}
            form={form}
            layout="vertical"
            initialValues={current ? { projectId: current.projectId, amountPerItem: current.amountPerItem / 100 } : {}}
            onFinish={(v) => save.mutate(v as Required<CharityValues>)}
          >
            <Form.Item
              name="projectId"
              label={t('公益项目')}
              rules={[{ required: true, message: t('请选择公益项目') }]}
            >
              <Select
                loading={projects.isPending}
                placeholder={t('选择进行中的公益项目')}
                options={(projects.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.title}（${p.organization}）`,
                }))}
                notFoundContent={t('暂无进行中的公益项目')}
                data-testid="charity-project"
              />
            </Form.Item>
            <Form.Item
              name="amountPerItem"
              label={t('每件捐赠金额（元）')}
              extra={t('¥0.01 – ¥100，且不高于本商品最低售价 {price}', { price: yuan(minPrice) })}
              rules={[
                { required: true, message: t('请填写每件捐赠金额') },
                { type: 'number', min: 0.01, message: t('每件捐赠金额至少 ¥0.01') },
                { type: 'number', max: 100, message: t('每件捐赠金额最多 ¥100') },
              ]}
            >
              <InputNumber min={0} step={0.5} precision={2} prefix="¥" style={{ width: 200 }} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="charity-save">
                {current ? t('保存公益设置') : t('设为公益商品')}
              </Button>
              {current ? (
                <Popconfirm
                  title={t('取消公益商品？')}
                  description={t('之后售出的商品不再捐赠；已捐赠的保留在公益账本上。')}
                  okText={t('取消公益商品')}
                  cancelText={t('再想想')}
                  onConfirm={() => remove.mutate()}
                >
                  <Button loading={remove.isPending}>{t('取消公益商品')}</Button>
                </Popconfirm>
              ) : null}
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}
