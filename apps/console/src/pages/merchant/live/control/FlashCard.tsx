import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Descriptions, Empty, Form, InputNumber, Progress, Row, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { newIdempotencyKey } from '../../../../api/client.ts';
import { useNotify } from '../../../../components/feedback.ts';
import { yuan } from '../../../../components/format.ts';
import { useNow } from '../../../../components/useNow.ts';
import { useT } from '../../../../i18n/index.tsx';
import {
  flashPriceProblem,
  MAX_PER_USER,
  perUserProblem,
  quantityProblem,
  yuanToFen,
  type SkuFacts,
} from '../../flashsale/form.ts';
import { liveCall, liveKeys, livePaths } from '../api.ts';
import { remaining } from '../room.ts';
import type { LiveControl, LiveFlash } from '../types.ts';

interface FlashForm {
  productId?: string;
  skuId?: string;
  flashPriceYuan?: number;
  quantity?: number;
  perUserLimit?: number;
  countdownSeconds: number;
  durationSeconds: number;
}

const check = (problem: string | null) => (problem ? Promise.reject(new Error(problem)) : Promise.resolve());

/** 直播秒杀: a countdown sale of one SKU of the room's products through the flash-sale engine (no oversell). */
export function FlashCard({ c, canRun }: { c: LiveControl; canRun: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const now = useNow(1000);
  const [form] = Form.useForm<FlashForm>();
  const productId = Form.useWatch('productId', form);
  const skuId = Form.useWatch('skuId', form);
  // The SKUs come with the control panel: a guest host is not the shop's staff and cannot read its products.
  const skuChoices = c.skus.filter((x) => x.productId === productId);
  const sku = useMemo((): SkuFacts | undefined => {
    const s = c.skus.find((x) => x.skuId === skuId);
    if (!s) return undefined;
    return { ...s, productTitle: c.products.find((p) => p.productId === s.productId)?.title ?? '' };
  }, [c.skus, c.products, skuId]);
  const sessionId = c.session.id;
  const flash = c.flash;
  const start = useMutation({
    mutationFn: (v: FlashForm) =>
      liveCall<LiveFlash>(
        'POST',
        `${livePaths.session(sessionId)}/flash`,
        {
          skuId: v.skuId,
          flashPrice: yuanToFen(v.flashPriceYuan ?? 0),
          quantity: v.quantity,
          perUserLimit: v.perUserLimit,
          countdownSeconds: v.countdownSeconds,
          durationSeconds: v.durationSeconds,
        },
        { 'idempotency-key': newIdempotencyKey() },
      ),
    onSuccess: (f) => {
      qc.setQueryData<LiveControl>(liveKeys.control(sessionId), (old) => (old ? { ...old, flash: f } : old));
      notify.success(t('直播秒杀已设置，倒计时结束后开抢'));
    },
    onError: notify.error,
  });
  const running =
    flash !== null &&
    flash.state !== 'sold_out' &&
    flash.state !== 'ended' &&
    Date.parse(flash.endsAt) > now &&
    flash.remaining > 0;
  const phase = !flash
    ? null
    : running && Date.parse(flash.startsAt) > now
      ? 'countdown'
      : running
        ? 'selling'
        : 'over';

  return (
    <Row gutter={24}>
      <Col xs={24} lg={10}>
        {flash ? (
          <div data-testid="live-flash">
            <Descriptions
              size="small"
              column={2}
              title={flash.specText ? `${flash.title} · ${flash.specText}` : flash.title}
            >
              <Descriptions.Item label={t('秒杀价')}>
                <Typography.Text strong style={{ color: '#c41d3a' }}>
                  {yuan(flash.flashPrice)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('每人限购')}>{flash.perUserLimit}</Descriptions.Item>
              <Descriptions.Item label={t('已抢')}>
                <span data-testid="live-flash-sold">{flash.quantity - flash.remaining}</span> / {flash.quantity}
              </Descriptions.Item>
              <Descriptions.Item label={t('剩余')}>{flash.remaining}</Descriptions.Item>
              <Descriptions.Item label={t('状态')} span={2}>
                {phase === 'countdown'
                  ? t('{time} 后开抢', { time: remaining(flash.startsAt, now) })
                  : phase === 'selling'
                    ? t('抢购中 · 剩余 {time}', { time: remaining(flash.endsAt, now) })
                    : flash.remaining === 0
                      ? t('已抢光')
                      : t('已结束')}
              </Descriptions.Item>
            </Descriptions>
            <Progress
              percent={flash.quantity ? Math.round(((flash.quantity - flash.remaining) / flash.quantity) * 100) : 0}
              strokeColor="#c41d3a"
              aria-label={t('已抢比例')}
            />
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('还没有直播秒杀')} />
        )}
      </Col>
      {canRun ? (
        <Col xs={24} lg={14}>
          <Form<FlashForm>
            form={form}
            layout="vertical"
            initialValues={{ perUserLimit: 1, countdownSeconds: 10, durationSeconds: 300 }}
            onFinish={(v) => start.mutate(v)}
            disabled={phase === 'countdown' || phase === 'selling'}
          >
            <Space align="start" wrap>
              <Form.Item name="productId" label={t('商品')} rules={[{ required: true, message: t('请选择商品') }]}>
                <Select
                  style={{ width: 200 }}
                  placeholder={t('直播间里的商品')}
                  options={c.products.map((p) => ({ value: p.productId, label: p.title }))}
                  onChange={(id: string) => {
                    // A product with a single SKU in stock needs no choosing.
                    const choices = c.skus.filter((x) => x.productId === id);
                    form.setFieldValue(
                      'skuId',
                      choices.length === 1 && choices[0]!.stock > 0 ? choices[0]!.skuId : undefined,
                    );
                  }}
                />
              </Form.Item>
              <Form.Item name="skuId" label={t('规格')} rules={[{ required: true, message: t('选择规格') }]}>
                <Select
                  style={{ width: 240 }}
                  disabled={!productId}
                  placeholder={productId ? t('选择规格') : t('先选商品')}
                  options={skuChoices.map((x) => ({
                    value: x.skuId,
                    label: `${x.specText || t('默认规格')} · ${yuan(x.price)} · ${t('库存 {n}', { n: x.stock })}`,
                    disabled: x.stock === 0,
                  }))}
                  data-testid="flash-sku-select"
                />
              </Form.Item>
            </Space>
            <Space align="start" wrap>
              <Form.Item
                name="flashPriceYuan"
                required
                label={t('秒杀价（元）')}
                extra={sku ? t('现价 {price}', { price: yuan(sku.price) }) : null}
                rules={[{ validator: (_, v?: number) => check(flashPriceProblem(v, sku, t)) }]}
              >
                <InputNumber min={0.01} step={1} precision={2} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item
                name="quantity"
                required
                label={t('数量')}
                extra={sku ? t('库存 {n}', { n: sku.stock }) : null}
                rules={[{ validator: (_, v?: number) => check(quantityProblem(v, sku, t)) }]}
              >
                <InputNumber min={1} precision={0} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item
                name="perUserLimit"
                required
                label={t('每人限购')}
                rules={[{ validator: (_, v?: number) => check(perUserProblem(v, t)) }]}
              >
                <InputNumber min={1} max={MAX_PER_USER} precision={0} style={{ width: 90 }} />
              </Form.Item>
              <Form.Item
                name="countdownSeconds"
                label={t('倒计时（秒）')}
                rules={[{ required: true, type: 'integer', min: 0, max: 300, message: t('0–300 秒') }]}
              >
                <InputNumber min={0} max={300} precision={0} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item
                name="durationSeconds"
                label={t('抢购时长（秒）')}
                rules={[{ required: true, type: 'integer', min: 30, max: 3600, message: t('30–3600 秒') }]}
              >
                <InputNumber min={30} max={3600} step={30} precision={0} style={{ width: 110 }} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="live-flash-start">
              {t('开始秒杀倒计时')}
            </Button>
          </Form>
        </Col>
      ) : null}
    </Row>
  );
}
