import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, problemTitle } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { DetailHeader } from '../../../components/DetailHeader.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';
import { ProductSelect } from '../flashsale/SkuPicker.tsx';
import { liveCall, livePaths } from './api.ts';
import { ImageUpload } from '../../../components/ImageUpload.tsx';
import { TeamCard } from './TeamCard.tsx';
import {
  MAX_PRODUCTS,
  PHONE,
  repeatedRows,
  toCreateRequest,
  type CreateSessionRequest,
  type SessionFormValues,
} from './form.ts';

/** 创建直播: title, cover, start time, the host and assistants by phone, and the product bag with claims. */
export default function LiveSessionNewPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<SessionFormValues>();
  const [problem, setProblem] = useState<{ title: string; detail?: string | undefined } | null>(null);

  // Once the session exists, a refused team (an unknown phone) must not create it twice: it is kept and reported.
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async (req: CreateSessionRequest) => {
      const id = created ?? (await liveCall<{ id: string }>('POST', livePaths.sessions, req.session)).id;
      setCreated(id);
      if (req.roles.length > 0) await liveCall<unknown>('PUT', `${livePaths.session(id)}/roles`, req.roles);
      return { id, title: req.session.title };
    },
    onSuccess: (s) => {
      notify.success(t('已创建直播「{title}」', { title: s.title }));
      void qc.invalidateQueries({ queryKey: ['live', merchantId] });
      void navigate(`/merchant/live/${s.id}/control`, { replace: true });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.problem.errors) {
        form.setFields(
          err.problem.errors.map((e) => ({
            name: e.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
            errors: [e.message],
          })) as never,
        );
      }
      setProblem({ title: problemTitle(err), detail: err instanceof ApiError ? err.problem.detail : undefined });
      void qc.invalidateQueries({ queryKey: ['live', merchantId] });
    },
  });

  const productRows = Form.useWatch('products', form);
  const roleRows = Form.useWatch('roles', form);
  const repeatedProducts = repeatedRows((productRows ?? []).map((p) => p?.productId));
  const repeatedPhones = repeatedRows((roleRows ?? []).map((r) => r?.phone?.trim()));

  return (
    <>
      <DetailHeader
        back={{ to: '/merchant/live', label: t('返回直播管理') }}
        title={t('创建直播')}
        subtitle={t('标题和商品卖点会经过内容审核；开播前观众可以在预告页订阅开播提醒。')}
      />
      <Form<SessionFormValues>
        form={form}
        layout="vertical"
        initialValues={{ scheduledAt: dayjs().add(1, 'hour').startOf('hour'), products: [{}], roles: [] }}
        onFinish={(values) => {
          setProblem(null);
          create.mutate(toCreateRequest(values));
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
            data-testid="live-form-problem"
          />
        ) : null}
        {created ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('直播已创建，但主播和助手没有设置成功')}
            description={t('改好手机号后再次提交只会设置人员，不会重复创建直播。')}
            action={<Link to={`/merchant/live/${created}/control`}>{t('先去控制台')}</Link>}
          />
        ) : null}
        <Card title={t('直播信息')} style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            <Col xs={24} lg={16}>
              <Form.Item
                name="title"
                label={t('直播标题')}
                rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('直播标题 2–40 个字') }]}
              >
                <Input placeholder={t('例如：冬季好物专场')} maxLength={40} showCount data-testid="live-title" />
              </Form.Item>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name="scheduledAt"
                    label={t('开播时间')}
                    rules={[
                      { required: true, message: t('请选择开播时间') },
                      {
                        validator: (_, v?: dayjs.Dayjs) =>
                          v && v.isBefore(dayjs().subtract(1, 'minute'))
                            ? Promise.reject(new Error(t('开播时间不能早于现在')))
                            : Promise.resolve(),
                      },
                    ]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="hostPhone"
                    label={t('主播手机号')}
                    extra={t('主播用这个手机号登录好物开播；留空则由你本人主播')}
                    rules={[{ pattern: PHONE, message: t('请输入 11 位手机号') }]}
                  >
                    <Input inputMode="numeric" maxLength={11} placeholder="13800000000" data-testid="live-host-phone" />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="coverUrl" label={t('封面')} extra={t('竖版 3:4，JPG / PNG / WebP，5 MB 以内')}>
                <ImageUpload label="上传封面" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card
          title={t('直播商品')}
          extra={
            <Typography.Text type="secondary">{t('按讲解顺序排列，最多 {n} 件', { n: MAX_PRODUCTS })}</Typography.Text>
          }
          style={{ marginBottom: 16 }}
        >
          <Form.List
            name="products"
            rules={[
              {
                validator: (_, rows?: unknown[]) =>
                  rows && rows.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('至少添加 1 件商品'))),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col flex="0 0 32px" style={{ paddingTop: 6 }}>
                      <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                    </Col>
                    <Col flex="1 1 320px">
                      <Form.Item
                        name={[field.name, 'productId']}
                        rules={[{ required: true, message: t('请选择商品') }]}
                        validateStatus={repeatedProducts.has(i) ? 'error' : undefined}
                        help={repeatedProducts.has(i) ? t('这件商品已经添加过') : undefined}
                      >
                        <ProductSelect />
                      </Form.Item>
                    </Col>
                    <Col flex="1 1 320px">
                      <Form.Item name={[field.name, 'claim']} rules={[{ max: 40, message: t('卖点最多 40 个字') }]}>
                        <Input placeholder={t('讲解卖点（选填），置顶时显示在商品卡上')} maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col flex="0 0 40px">
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('移除第 {n} 件商品', { n: i + 1 })}
                        disabled={fields.length === 1}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  disabled={fields.length >= MAX_PRODUCTS}
                  data-testid="live-add-product"
                >
                  {t('添加商品')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <TeamCard repeatedPhones={repeatedPhones} />
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            disabled={repeatedProducts.size > 0 || repeatedPhones.size > 0}
            data-testid="live-submit"
          >
            {t('创建直播')}
          </Button>
          <Link to="/merchant/live">
            <Button>{t('取消')}</Button>
          </Link>
        </Space>
      </Form>
    </>
  );
}
