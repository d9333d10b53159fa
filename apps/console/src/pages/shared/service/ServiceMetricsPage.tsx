import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, Input, List, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { problemTitle } from '../../../api/client.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { PageSkeleton } from '../../../components/PageSkeleton.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { addCanned, type Desk, serviceKeys, useCanned, useServiceMetrics } from './api.ts';

const minutes = (s: number | null) =>
  s === null ? '—' : s < 60 ? `${Math.round(s)} 秒` : `${(s / 60).toFixed(1)} 分钟`;
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** 客服指标: first response against the 5-minute SLA, resolution time, satisfaction and the auto-resolution rate. */
export default function ServiceMetricsPage({ desk }: { desk: Desk }) {
  const t = useT();
  const [days, setDays] = useState(7);
  const metrics = useServiceMetrics(desk, days);
  const workbench = desk === 'platform' ? '/platform/service' : '/merchant/service';
  return (
    <>
      <PageHeader
        title={t('客服指标')}
        subtitle={t('自助解决率 = 没有人工参与就结束的会话 ÷ 已结束的会话；首次响应从转人工开始计时。')}
        extra={
          <Flex gap={12} align="center">
            <Segmented
              value={days}
              onChange={(v) => setDays(Number(v))}
              options={[
                { value: 1, label: t('今天') },
                { value: 7, label: t('近 7 天') },
                { value: 30, label: t('近 30 天') },
              ]}
            />
            <Link to={workbench}>{t('返回工作台')}</Link>
          </Flex>
        }
      />
      {metrics.isPending ? (
        <PageSkeleton />
      ) : metrics.isError ? (
        <Alert type="error" showIcon message={problemTitle(metrics.error)} />
      ) : (
        <>
          <Row gutter={[12, 12]} data-testid="service-metrics">
            {[
              [t('会话'), String(metrics.data.conversations)],
              [t('自助解决率'), percent(metrics.data.autoResolutionRate)],
              [t('转人工'), String(metrics.data.handedOver)],
              [t('平均首次响应'), minutes(metrics.data.firstResponseAvgSeconds)],
              [t('首次响应 P90'), minutes(metrics.data.firstResponseP90Seconds)],
              [t('5 分钟内首响'), `${metrics.data.withinSla} / ${metrics.data.handedOver}`],
              [t('首响超时'), String(metrics.data.slaBreaches)],
              [t('平均解决时长'), minutes(metrics.data.resolutionAvgSeconds)],
              [
                t('满意度'),
                metrics.data.satisfactionAvg === null
                  ? '—'
                  : `${metrics.data.satisfactionAvg} / 5（${metrics.data.ratings}）`,
              ],
              [t('排队中'), String(metrics.data.waitingNow)],
            ].map(([label, value]) => (
              <Col span={6} key={label}>
                <Card size="small">
                  <Statistic title={label} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('超时未回复的会话')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={metrics.data.breachesOpen}
              locale={{ emptyText: t('没有超时的会话') }}
              columns={[
                { title: t('顾客'), dataIndex: 'customerName' },
                { title: t('转人工时间'), dataIndex: 'handedOverAt', render: (v: string | null) => dateTime(v) },
                { title: t('已等待'), dataIndex: 'waitingSeconds', render: (v: number) => minutes(v) },
                { title: t('最后消息'), dataIndex: 'lastMessageText' },
              ]}
            />
          </Card>
        </>
      )}
      <CannedReplies desk={desk} />
    </>
  );
}

function CannedReplies({ desk }: { desk: Desk }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const canned = useCanned(desk);
  const [form] = Form.useForm<{ title: string; text: string }>();
  const save = async (v: { title: string; text: string }) => {
    try {
      await addCanned(desk, v);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: serviceKeys.canned(desk) });
    } catch (err) {
      notify.error(problemTitle(err));
    }
  };
  return (
    <Card size="small" title={t('快捷回复')} style={{ marginTop: 12 }}>
      <List
        size="small"
        loading={canned.isPending}
        locale={{ emptyText: t('还没有快捷回复') }}
        dataSource={canned.data?.items ?? []}
        renderItem={(r) => (
          <List.Item>
            <Typography.Text strong>{r.title}</Typography.Text>：{r.text}
          </List.Item>
        )}
      />
      <Form form={form} layout="inline" onFinish={(v) => void save(v)} style={{ marginTop: 8 }}>
        <Form.Item name="title" rules={[{ required: true, message: t('请填写标题') }]}>
          <Input placeholder={t('标题')} maxLength={40} />
        </Form.Item>
        <Form.Item name="text" rules={[{ required: true, message: t('请填写内容') }]} style={{ flex: 1 }}>
          <Input placeholder={t('回复内容')} maxLength={500} />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          {t('添加')}
        </Button>
      </Form>
    </Card>
  );
}
