import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { localKeys, type Redemption, useRedemptions } from './api.ts';

/** 核销: the store types (or scans) the buyer's code, checks what it is for, and verifies it — once only. */
export default function RedeemPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<Redemption | null>(null);
  const redemptions = useRedemptions();
  const lookup = useMutation({
    mutationFn: (c: string) =>
      must(api.GET('/api/v1/merchant/local/vouchers/{code}', { params: { path: { code: c } } })),
    onMutate: () => setDone(null),
    onError: notify.error,
  });
  const verify = useMutation({
    mutationFn: (c: string) => must(api.POST('/api/v1/merchant/local/vouchers/verify', { body: { code: c } })),
    onSuccess: (v) => {
      setDone(v);
      lookup.reset();
      setCode('');
      notify.success(t('核销成功：{title}', { title: v.offer.title }));
      void qc.invalidateQueries({ queryKey: localKeys.redemptions });
    },
    onError: notify.error,
  });
  const found = lookup.data;
  const digits = code.replace(/\D/g, '');
  return (
    <>
      <PageHeader
        title={t('核销')}
        subtitle={t('输入或扫描买家出示的 12 位券码。每张券只能核销一次，过期券不能核销。')}
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Space.Compact style={{ width: 420, maxWidth: '100%' }}>
            <Input
              size="large"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={() => digits.length >= 6 && lookup.mutate(digits)}
              placeholder={t('券码')}
              aria-label={t('券码')}
              inputMode="numeric"
              data-testid="redeem-code"
            />
            <Button
              size="large"
              type="primary"
              disabled={digits.length < 6}
              loading={lookup.isPending}
              onClick={() => lookup.mutate(digits)}
              data-testid="redeem-lookup"
            >
              {t('查询')}
            </Button>
          </Space.Compact>
          {found ? (
            <Card size="small" style={{ marginTop: 16, maxWidth: 640 }} data-testid="redeem-found">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('团购')}>{found.offer.title}</Descriptions.Item>
                <Descriptions.Item label={t('门店')}>{found.store.name}</Descriptions.Item>
                <Descriptions.Item label={t('售价 / 门市价')}>
                  {yuan(found.offer.price)} / {yuan(found.offer.faceValue)}
                </Descriptions.Item>
                <Descriptions.Item label={t('有效期至')}>{dateTime(found.validUntil)}</Descriptions.Item>
              </Descriptions>
              {found.usable ? (
                <Button
                  type="primary"
                  size="large"
                  loading={verify.isPending}
                  onClick={() => verify.mutate(found.code!)}
                  data-testid="redeem-confirm"
                >
                  {t('确认核销')}
                </Button>
              ) : (
                <Alert type="warning" showIcon message={found.reason} data-testid="redeem-refused" />
              )}
            </Card>
          ) : null}
          {done ? (
            <Alert
              style={{ marginTop: 16, maxWidth: 640 }}
              type="success"
              showIcon
              data-testid="redeem-done"
              message={t('已核销：{title}', { title: done.offer.title })}
              description={t('核销时间 {at}', { at: dateTime(done.usedAt) })}
            />
          ) : null}
        </Card>
        <Card title={t('核销记录')}>
          <Table<Redemption>
            rowKey="id"
            loading={redemptions.isPending}
            dataSource={redemptions.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={t('还没有核销记录')} /> }}
            columns={[
              { title: t('核销时间'), key: 'at', render: (_, v) => dateTime(v.usedAt) },
              { title: t('券码'), key: 'code', render: (_, v) => <Typography.Text code>{v.code}</Typography.Text> },
              { title: t('团购'), key: 'title', render: (_, v) => v.offer.title },
              { title: t('门店'), key: 'store', render: (_, v) => v.store.name },
              { title: t('金额'), key: 'price', render: (_, v) => yuan(v.offer.price) },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
