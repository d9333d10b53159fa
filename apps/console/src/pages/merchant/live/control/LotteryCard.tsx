import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Descriptions, Empty, Form, Input, InputNumber, List, Row, Select, Space, Typography } from 'antd';
import { useNotify } from '../../../../components/feedback.ts';
import { useNow } from '../../../../components/useNow.ts';
import { useT } from '../../../../i18n/index.tsx';
import { liveCall, liveKeys, livePaths } from '../api.ts';
import { remaining } from '../room.ts';
import type { LiveControl, LiveLottery } from '../types.ts';

type Template = { name: string; label: string } | undefined;

/** What viewers see as the prize: the coupon's label, e.g. 「满200减30券」, within the 20 characters allowed. */
const prizeTitle = (x: Template) => (x ? `${x.label}券` : '优惠券').slice(0, 20);

interface LotteryForm {
  keyword: string;
  couponTemplateId: string;
  winnersCount: number;
  durationSeconds: number;
}

/** 弹幕抽奖: viewers who send the keyword in the window enter; the draw uses a seed committed when it opened. */
export function LotteryCard({ c, canRun }: { c: LiveControl; canRun: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const now = useNow(1000);
  const sessionId = c.session.id;
  const lottery = c.lottery;
  // From the control panel: a 场控 or guest host is not the shop's staff and cannot list its coupon templates.
  const templates = c.prizeTemplates;
  const refresh = (l: LiveLottery) =>
    qc.setQueryData<LiveControl>(liveKeys.control(sessionId), (old) => (old ? { ...old, lottery: l } : old));
  const open = useMutation({
    mutationFn: (v: LotteryForm) =>
      liveCall<LiveLottery>('POST', `${livePaths.session(sessionId)}/lotteries`, {
        keyword: v.keyword.trim(),
        prize: {
          kind: 'coupon',
          templateId: v.couponTemplateId,
          title: prizeTitle(templates.find((x) => x.id === v.couponTemplateId)),
        },
        winnersCount: v.winnersCount,
        durationSeconds: v.durationSeconds,
      }),
    onSuccess: (l) => {
      refresh(l);
      notify.success(t('抽奖已开始，观众发送「{k}」即可参与', { k: l.keyword }));
    },
    onError: notify.error,
  });
  const draw = useMutation({
    mutationFn: (id: string) => liveCall<LiveLottery>('POST', `${livePaths.lottery(id)}/draw`),
    onSuccess: (l) => {
      refresh(l);
      notify.success(t('已开奖'));
    },
    onError: notify.error,
  });
  const active = lottery?.status === 'open';

  return (
    <Row gutter={24}>
      <Col xs={24} lg={10}>
        {lottery ? (
          <>
            <Descriptions size="small" column={2} title={active ? t('进行中的抽奖') : t('上一轮抽奖')}>
              <Descriptions.Item label={t('口令')}>{lottery.keyword}</Descriptions.Item>
              <Descriptions.Item label={t('奖品')}>{lottery.prize.title}</Descriptions.Item>
              <Descriptions.Item label={t('中奖人数')}>{lottery.winnersCount}</Descriptions.Item>
              <Descriptions.Item label={t('参与人数')}>
                <span data-testid="live-lottery-entrants">{lottery.entrantsCount}</span>
              </Descriptions.Item>
              <Descriptions.Item label={active ? t('剩余时间') : t('状态')}>
                {active ? remaining(lottery.closesAt, now) : lottery.status === 'drawn' ? t('已开奖') : t('已取消')}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('种子承诺')}：
              <Typography.Text code copyable style={{ fontSize: 11, wordBreak: 'break-all' }}>
                {lottery.seedCommitment}
              </Typography.Text>
              {lottery.seed ? (
                <>
                  <br />
                  {t('开奖种子')}：
                  <Typography.Text code copyable style={{ fontSize: 11, wordBreak: 'break-all' }}>
                    {lottery.seed}
                  </Typography.Text>
                </>
              ) : null}
            </Typography.Paragraph>
            {active && canRun ? (
              <Button
                type="primary"
                danger
                loading={draw.isPending}
                onClick={() => draw.mutate(lottery.id)}
                data-testid="live-lottery-draw"
              >
                {Date.parse(lottery.closesAt) > now ? t('提前开奖') : t('开奖')}
              </Button>
            ) : null}
            {lottery.status === 'drawn' ? (
              <List
                size="small"
                header={t('中奖名单（{n}）', { n: lottery.winners.length })}
                dataSource={lottery.winners}
                locale={{ emptyText: t('没有人参与，本轮无人中奖') }}
                renderItem={(w) => <List.Item data-testid="live-lottery-winner">{w.nickname}</List.Item>}
              />
            ) : null}
            {lottery.prizeNote ? <Typography.Text type="secondary">{lottery.prizeNote}</Typography.Text> : null}
            {lottery.status === 'drawn' ? (
              <Typography.Link
                href={`/api/v1/live/lotteries/${encodeURIComponent(lottery.id)}`}
                target="_blank"
                rel="noreferrer"
              >
                {t('查看参与名单与复算方法')}
              </Typography.Link>
            ) : null}
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('还没有抽奖')} />
        )}
      </Col>
      {canRun ? (
        <Col xs={24} lg={14}>
          <Form<LotteryForm>
            layout="vertical"
            initialValues={{ winnersCount: 3, durationSeconds: 60 }}
            onFinish={(v) => open.mutate(v)}
            disabled={active}
          >
            <Space align="start" wrap>
              <Form.Item
                name="keyword"
                label={t('参与口令')}
                rules={[{ required: true, whitespace: true, max: 10, message: t('口令 1–10 个字') }]}
              >
                <Input maxLength={10} placeholder={t('例如：好物')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item
                name="couponTemplateId"
                label={t('奖品（优惠券）')}
                rules={[{ required: true, message: t('请选择优惠券') }]}
              >
                <Select
                  style={{ width: 220 }}
                  placeholder={t('选择店铺优惠券')}
                  notFoundContent={t('没有可用的优惠券，先到「店铺优惠券」创建')}
                  options={templates.map((x) => ({ value: x.id, label: `${x.name}（${x.label}）` }))}
                />
              </Form.Item>
              <Form.Item
                name="winnersCount"
                label={t('中奖人数')}
                rules={[{ required: true, type: 'integer', min: 1, max: 100, message: t('1–100 人') }]}
              >
                <InputNumber min={1} max={100} precision={0} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item
                name="durationSeconds"
                label={t('参与时长（秒）')}
                rules={[{ required: true, type: 'integer', min: 10, max: 600, message: t('10–600 秒') }]}
              >
                <InputNumber min={10} max={600} step={10} precision={0} style={{ width: 120 }} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="live-lottery-open">
              {t('发起抽奖')}
            </Button>
            {active ? (
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {t('当前抽奖开奖后才能发起下一轮')}
              </Typography.Text>
            ) : null}
          </Form>
        </Col>
      ) : null}
    </Row>
  );
}
