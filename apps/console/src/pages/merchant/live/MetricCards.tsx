import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Statistic, Tooltip } from 'antd';
import { yuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { dwell, percent } from './room.ts';
import type { LiveMetrics } from './types.ts';

/** The headline figures of a session; `live` shows 在线人数 (the report leaves it out, nobody is watching). */
export function MetricCards({ m, live }: { m: LiveMetrics; live: boolean }) {
  const t = useT();
  const cards = [
    ...(live
      ? [
          {
            key: 'viewers',
            title: t('在线人数'),
            value: String(m.viewers),
            tip: t('此刻在直播间的观众（所有服务进程合计）'),
          },
        ]
      : []),
    { key: 'peak', title: t('峰值在线'), value: String(m.peakViewers), tip: t('本场同时在线人数的最高值') },
    {
      key: 'dwell',
      title: t('平均停留'),
      value: dwell(m.averageDwellSeconds, t),
      tip: t('每次进入直播间的平均停留时长'),
    },
    {
      key: 'interaction',
      title: t('互动率'),
      value: percent(m.interactionRate),
      tip: t('发过弹幕、点赞或投票的观众占观众总数的比例'),
    },
    { key: 'clicks', title: t('商品点击'), value: String(m.productClicks), tip: t('观众打开商品购买面板的次数') },
    { key: 'conversion', title: t('转化率'), value: percent(m.conversionRate), tip: t('下单观众占观众总数的比例') },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={6}>
        <Card style={{ height: '100%', background: '#fff1f0', borderColor: '#ffccc7' }}>
          <Statistic
            title={
              <Space size={4}>
                {t('成交额（GMV）')}
                <Tooltip title={t('本场归因订单中已付款的金额，随付款实时更新')}>
                  <InfoCircleOutlined aria-label={t('本场归因订单中已付款的金额，随付款实时更新')} tabIndex={0} />
                </Tooltip>
              </Space>
            }
            valueRender={() => (
              <span
                data-testid="live-gmv"
                style={{ fontSize: 32, fontWeight: 600, color: '#a8071a', fontVariantNumeric: 'tabular-nums' }}
              >
                {yuan(m.gmv)}
              </span>
            )}
          />
          <div style={{ color: '#595959' }}>{t('{n} 笔订单', { n: m.orders })}</div>
        </Card>
      </Col>
      <Col xs={24} xl={18}>
        <Row gutter={[16, 16]}>
          {cards.map((c) => (
            <Col key={c.key} xs={12} md={8}>
              <Card size="small">
                <Statistic
                  title={
                    <Space size={4}>
                      {c.title}
                      <Tooltip title={c.tip}>
                        <InfoCircleOutlined aria-label={c.tip} tabIndex={0} />
                      </Tooltip>
                    </Space>
                  }
                  value={c.value}
                  data-testid={`live-stat-${c.key}`}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Col>
    </Row>
  );
}
