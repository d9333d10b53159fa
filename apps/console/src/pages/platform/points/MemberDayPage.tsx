import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Radio, Skeleton, Switch, Table } from 'antd';
import { useEffect } from 'react';
import type { paths } from '@haowu/api-types';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';

type MemberDay = paths['/api/v1/member-day']['get']['responses'][200]['content']['application/json'];
type Input = paths['/api/v1/admin/member-day']['put']['requestBody']['content']['application/json'];
type TierCode = MemberDay['tiers'][number]['code'];

const fold = (percentOff: number) => 100 - percentOff;

/** 会员日设置: the monthly day, each tier's member-day price and the purchase points multiplier. */
export default function MemberDayPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Input>();
  const current = useQuery({ queryKey: ['member-day'], queryFn: () => must(api.GET('/api/v1/member-day')) });
  useEffect(() => {
    const d = current.data;
    if (!d) return;
    form.setFieldsValue({
      enabled: d.enabled,
      dayOfMonth: d.day,
      pointsMultiplier: d.pointsMultiplier,
      tierPercentOff: Object.fromEntries(
        d.tiers.map((x) => [x.code, x.memberDayPercentOff]),
      ) as Input['tierPercentOff'],
    });
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (body: Input) => must(api.PUT('/api/v1/admin/member-day', { body })),
    onSuccess: (saved) => {
      qc.setQueryData(['member-day'], saved);
      notify.success(t('已保存，此后的订单按新设置计算'));
    },
    onError: notify.error,
  });

  if (current.isError) return <Alert type="error" showIcon title={problemTitle(current.error)} />;
  if (!current.data) return <Skeleton active />;
  const d = current.data;
  return (
    <>
      <PageHeader
        title={t('会员日')}
        subtitle={t(
          '每月固定一天（北京时间），会员按等级享会员日价，付款订单按倍数得购物积分；用户运营的「会员日」规则在当天给活跃用户发券。',
        )}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={3}
          items={[
            {
              key: 'status',
              label: t('状态'),
              children: !d.enabled
                ? t('已关闭')
                : d.today
                  ? t('今天是会员日')
                  : t('下一个会员日 {date}', { date: d.next }),
            },
            {
              key: 'points',
              label: t('积分'),
              children: d.pointsMultiplier > 1 ? t('{n} 倍', { n: d.pointsMultiplier }) : t('不加倍'),
            },
            {
              key: 'updated',
              label: t('最近修改'),
              children: d.updatedAt ? new Date(d.updatedAt).toLocaleString('zh-CN') : t('默认设置，尚未修改'),
            },
          ]}
        />
      </Card>
      <Card title={t('设置')}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 720 }}>
          <Form.Item name="enabled" label={t('开启会员日')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="dayOfMonth"
            label={t('每月几号')}
            extra={t('1–28 号，保证每个月都有')}
            rules={[{ required: true, message: t('请填写日期') }]}
          >
            <InputNumber min={1} max={28} precision={0} addonAfter={t('号')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="pointsMultiplier" label={t('购物积分')}>
            <Radio.Group
              options={[
                { value: 1, label: t('不加倍') },
                { value: 2, label: t('双倍') },
                { value: 3, label: t('三倍') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('会员日价（各等级减免百分比，不低于日常会员价，最多 30%）')}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={d.tiers}
              columns={[
                { title: t('等级'), dataIndex: 'name' },
                {
                  title: t('日常会员价'),
                  dataIndex: 'everydayPercentOff',
                  render: (v: number) => (v > 0 ? t('{n} 折', { n: fold(v) }) : t('原价')),
                },
                {
                  title: t('会员日减免 %'),
                  dataIndex: 'code',
                  render: (code: TierCode, row) => (
                    <Form.Item name={['tierPercentOff', code]} noStyle rules={[{ required: true }]}>
                      <InputNumber
                        min={row.everydayPercentOff}
                        max={30}
                        precision={0}
                        addonAfter="%"
                        aria-label={t('{tier}会员日减免', { tier: row.name })}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('会员日折扣'),
                  dataIndex: 'code',
                  key: 'fold',
                  render: (code: TierCode) => (
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const v = form.getFieldValue(['tierPercentOff', code]) as number | undefined;
                        return v ? t('{n} 折', { n: fold(v) }) : t('原价');
                      }}
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('保存')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
