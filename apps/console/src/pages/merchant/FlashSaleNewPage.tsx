import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, must, problemTitle } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { DetailHeader } from '../../components/DetailHeader.tsx';
import { useNotify } from '../../components/feedback.ts';
import { yuan } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { flashKeys, type CreateFlashSaleBody } from './flashsale/api.ts';
import {
  duplicateRows,
  flashPriceProblem,
  formFieldErrors,
  MAX_ITEMS,
  MAX_PER_USER,
  perUserProblem,
  quantityProblem,
  toCreateBody,
  windowProblem,
  type FlashFormValues,
  type SkuFacts,
} from './flashsale/form.ts';
import { ProductSelect, SkuSelect } from './flashsale/SkuPicker.tsx';
import { useMerchantCommunities } from './community/api.ts';
import { TIER_NAME } from './flashsale/labels.ts';

const check = (problem: string | null) => (problem ? Promise.reject(new Error(problem)) : Promise.resolve());

/** 创建秒杀: a slot's window and pay time, and its items (a SKU, flash price in yuan, quantity, per-buyer limit). */
export default function FlashSaleNewPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<FlashFormValues>();
  const [facts, setFacts] = useState<Map<string, SkuFacts>>(new Map());
  const [problem, setProblem] = useState<{ title: string; detail?: string | undefined } | null>(null);
  const learn = useCallback(
    (f: SkuFacts) =>
      setFacts((m) =>
        m.get(f.skuId)?.stock === f.stock && m.get(f.skuId)?.price === f.price ? m : new Map(m).set(f.skuId, f),
      ),
    [],
  );

  // Tier names come from the membership ladder (every signed-in account may read it); 普通会员 is everyone.
  const tiers = useQuery({
    queryKey: ['membership', 'tiers'],
    queryFn: async () => (await must(api.GET('/api/v1/membership/me'))).tiers,
    staleTime: Infinity,
  });
  const communities = useMerchantCommunities();

  const create = useMutation({
    mutationFn: (body: CreateFlashSaleBody) => must(api.POST('/api/v1/merchant/flash-sales', { body })),
    onSuccess: (slot) => {
      notify.success(t('已创建秒杀场次「{title}」', { title: slot.title }));
      void qc.invalidateQueries({ queryKey: flashKeys.list(merchantId) });
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'product'] });
      void navigate(`/merchant/flash-sales/${slot.saleId}`, { replace: true });
    },
    onError: (err) => {
      const fields = formFieldErrors(err);
      if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      // Refusals (price not below today's, stock short, bad window) name the product in their detail.
      setProblem({ title: problemTitle(err), detail: err instanceof ApiError ? err.problem.detail : undefined });
    },
  });

  // Watching the rows re-renders the hints (现价, 现有库存) when a SKU is picked; validators read the form directly.
  const rows = Form.useWatch('items', form);
  const skuOf = (row: number): SkuFacts | undefined => {
    const skuId = rows?.[row]?.skuId;
    return skuId ? facts.get(skuId) : undefined;
  };
  const skuNow = (row: number): SkuFacts | undefined => {
    const skuId = form.getFieldValue(['items', row, 'skuId']) as string | undefined;
    return skuId ? facts.get(skuId) : undefined;
  };

  return (
    <>
      <DetailHeader
        back={{ to: '/merchant/flash-sales', label: t('返回秒杀活动') }}
        title={t('创建秒杀')}
        subtitle={t('秒杀价须低于商品现价；秒杀数量立即从规格库存中划出，场次结束后未售出的退回。')}
      />
      <Form<FlashFormValues>
        form={form}
        layout="vertical"
        initialValues={{ payWindowMinutes: 5, memberEarlyAccess: false, items: [{ perUserLimit: 1 }] }}
        onFinish={(values) => {
          setProblem(null);
          create.mutate(toCreateBody(values));
        }}
        onFinishFailed={() => setProblem({ title: t('请先修正标红的内容') })}
      >
        {problem ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={problem.title}
            description={problem.detail}
            data-testid="flash-form-problem"
          />
        ) : null}
        <Card title={t('场次信息')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Form.Item
                name="title"
                label={t('场次名称')}
                rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('场次名称 2–40 个字') }]}
              >
                <Input placeholder={t('例如：双十二零点秒杀')} maxLength={40} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10}>
              <Form.Item
                name="window"
                required
                label={t('开始 – 结束时间')}
                extra={t('一个场次最长 24 小时')}
                rules={[
                  {
                    validator: (_, v: FlashFormValues['window']) =>
                      check(windowProblem(v?.[0]?.valueOf(), v?.[1]?.valueOf(), Date.now(), t)),
                  },
                ]}
              >
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  placeholder={[t('开始时间'), t('结束时间')]}
                  data-testid="flash-window"
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={6}>
              <Form.Item
                name="payWindowMinutes"
                label={t('支付时限（分钟）')}
                extra={t('抢到后未在时限内付款，名额释放给其他人')}
                rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t('支付时限 1–30 分钟') }]}
              >
                <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Form.Item name="minTier" label={t('会员专享')} extra={t('仅该等级及以上的会员可抢；不选则所有买家可抢')}>
                <Select
                  allowClear
                  placeholder={t('不限等级')}
                  loading={tiers.isLoading}
                  status={tiers.isError ? 'error' : undefined}
                  notFoundContent={tiers.isError ? t('会员等级加载失败') : undefined}
                  options={(tiers.data ?? [])
                    .filter((tier) => tier.code !== 'regular')
                    .map((tier) => ({ value: tier.code, label: t('{name}及以上', { name: t(TIER_NAME[tier.code]) }) }))}
                  data-testid="flash-min-tier"
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10}>
              <Form.Item name="communityId" label={t('社群专享')} extra={t('仅本店该社群的成员可抢；不选则不限社群')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('不限社群')}
                  loading={communities.isLoading}
                  status={communities.isError ? 'error' : undefined}
                  notFoundContent={communities.isError ? t('社群加载失败') : t('本店还没有社群')}
                  options={(communities.data ?? []).map((c) => ({
                    value: c.id,
                    label: t('{name}（{n} 人）', { name: c.name, n: c.memberCount }),
                  }))}
                  data-testid="flash-community"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="memberEarlyAccess"
            label={t('会员优先购（限量款）')}
            valuePropName="checked"
            extra={t('开启后金卡会员提前 30 分钟、黑钻会员提前 60 分钟开抢，与其他买家共用同一份秒杀数量和每人限购')}
            style={{ marginBottom: 0 }}
          >
            <Switch data-testid="flash-member-early" />
          </Form.Item>
        </Card>

        <Card title={t('秒杀商品')} style={{ marginBottom: 16 }}>
          <Form.List
            name="items"
            rules={[
              {
                validator: (_, items: FlashFormValues['items'] | undefined) =>
                  check(!items || items.length === 0 ? t('至少选择一个商品') : null),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={12} align="top" data-testid="flash-item-row">
                    <Col xs={24} xl={6}>
                      <Form.Item
                        name={[field.name, 'productId']}
                        label={index === 0 ? t('商品') : undefined}
                        rules={[{ required: true, message: t('请选择商品') }]}
                      >
                        <ProductSelect onChange={() => form.setFieldValue(['items', field.name, 'skuId'], undefined)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} xl={5}>
                      <Form.Item
                        noStyle
                        shouldUpdate={(a: FlashFormValues, b: FlashFormValues) =>
                          a.items?.[field.name]?.productId !== b.items?.[field.name]?.productId
                        }
                      >
                        {() => (
                          <Form.Item
                            name={[field.name, 'skuId']}
                            label={index === 0 ? t('规格') : undefined}
                            rules={[
                              { required: true, message: t('请选择规格') },
                              {
                                validator: () =>
                                  check(
                                    duplicateRows(form.getFieldValue('items') as FlashFormValues['items']).has(index)
                                      ? t('这个规格已在上面选过')
                                      : null,
                                  ),
                              },
                            ]}
                          >
                            <SkuSelect
                              productId={form.getFieldValue(['items', field.name, 'productId']) as string | undefined}
                              onFacts={learn}
                            />
                          </Form.Item>
                        )}
                      </Form.Item>
                    </Col>
                    <Col xs={8} xl={4}>
                      <Form.Item
                        name={[field.name, 'flashPriceYuan']}
                        required
                        label={index === 0 ? t('秒杀价（元）') : undefined}
                        dependencies={[['items', field.name, 'skuId']]}
                        extra={
                          skuOf(field.name) ? t('现价 {price}', { price: yuan(skuOf(field.name)!.price) }) : undefined
                        }
                        rules={[
                          { validator: (_, v: number | null) => check(flashPriceProblem(v, skuNow(field.name), t)) },
                        ]}
                      >
                        <InputNumber min={0.01} step={1} precision={2} prefix="¥" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} xl={4}>
                      <Form.Item
                        name={[field.name, 'quantity']}
                        required
                        label={index === 0 ? t('秒杀数量') : undefined}
                        dependencies={[['items', field.name, 'skuId']]}
                        extra={skuOf(field.name) ? t('现有库存 {n}', { n: skuOf(field.name)!.stock }) : undefined}
                        rules={[
                          { validator: (_, v: number | null) => check(quantityProblem(v, skuNow(field.name), t)) },
                        ]}
                      >
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} xl={3}>
                      <Form.Item
                        name={[field.name, 'perUserLimit']}
                        required
                        label={index === 0 ? t('每人限购') : undefined}
                        rules={[{ validator: (_, v: number | null) => check(perUserProblem(v, t)) }]}
                      >
                        <InputNumber min={1} max={MAX_PER_USER} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} xl={2}>
                      <Form.Item label={index === 0 ? ' ' : undefined}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('移除第 {n} 个商品', { n: index + 1 })}
                          disabled={fields.length === 1}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_ITEMS}
                  onClick={() => add({ perUserLimit: 1 })}
                  data-testid="flash-add-item"
                >
                  {t('再加一个商品')}
                </Button>
                <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                  {t('一个场次最多 {n} 个商品', { n: MAX_ITEMS })}
                </Typography.Text>
              </>
            )}
          </Form.List>
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="flash-submit">
            {t('创建场次')}
          </Button>
          <Link to="/merchant/flash-sales">
            <Button>{t('取消')}</Button>
          </Link>
        </Space>
      </Form>
    </>
  );
}
