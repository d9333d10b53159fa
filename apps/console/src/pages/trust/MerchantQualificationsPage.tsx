import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, must, problemTitle } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { ImageUpload } from '../../components/ImageUpload.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { RENEWAL, VALIDITY, validUntilText, type Qualification } from './qualifications.ts';
import { dayOf, ValidUntilPicker, validUntilRules } from './ValidUntilPicker.tsx';

/**
 * 资质管理: each document the shop holds with its validity; 30 days before the last valid day the shop is warned, the
 * day after it the products of the categories that need it go off sale. 更新资质 sends the new document for review;
 * approval lists those products again.
 */
export default function MerchantQualificationsPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const [renewing, setRenewing] = useState<Qualification | null>(null);
  const docs = useQuery({
    queryKey: ['merchant', merchantId, 'qualifications'],
    queryFn: () => must(api.GET('/api/v1/merchant/qualifications')),
  });
  const header = (
    <PageHeader
      title={t('资质管理')}
      subtitle={t(
        '证件到期前 30 天会通知店主续期；过期次日，需要该资质的类目商品将下架（原因：资质过期），新证件审核通过后自动恢复上架。',
      )}
    />
  );
  if (docs.isPending)
    return (
      <>
        {header}
        <Card aria-busy="true" aria-label={t('加载中')}>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </>
    );
  if (docs.isError)
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemTitle(docs.error)}
          action={<Button onClick={() => void docs.refetch()}>{t('重试')}</Button>}
        />
      </>
    );
  const items = docs.data.items;
  const attention = items.filter((d) => d.status === 'expiring' || d.status === 'expired');
  return (
    <>
      {header}
      {attention.map((d) => (
        <Alert
          key={d.id}
          type={d.status === 'expired' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="qualification-notice"
          title={
            d.status === 'expired'
              ? t('{name}已于 {day} 过期，{n} 件商品已下架', {
                  name: d.kindName,
                  day: d.validUntil ?? '',
                  n: d.delisted.length,
                })
              : t('{name}将于 {day} 到期，请尽快更新资质', { name: d.kindName, day: d.validUntil ?? '' })
          }
          description={d.pendingRenewal ? t('新证件已提交，平台审核中') : undefined}
        />
      ))}
      <Card>
        <Table<Qualification>
          rowKey="id"
          dataSource={items}
          pagination={false}
          locale={{
            emptyText: (
              <Empty
                description={t('本店没有登记的资质：通过入驻申请开通的店铺才有证照记录，如需补登请联系平台运营')}
              />
            ),
          }}
          expandable={{
            rowExpandable: (r) => r.delisted.length > 0,
            expandedRowRender: (r) => (
              <Space direction="vertical" size={4}>
                <Typography.Text strong>{t('因资质过期下架的商品')}</Typography.Text>
                {r.delisted.map((p) => (
                  <Typography.Text key={p.productId}>
                    {p.title} · {t('原因：{reason}', { reason: p.reason })} · {dateTime(p.delistedAt)}
                  </Typography.Text>
                ))}
              </Space>
            ),
          }}
          columns={[
            {
              title: t('资质'),
              key: 'kind',
              render: (_, r) => (
                <Space>
                  <Image src={r.imageUrl} width={48} height={48} style={{ objectFit: 'cover' }} alt={r.kindName} />
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{r.kindName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.number}
                    </Typography.Text>
                  </Space>
                </Space>
              ),
            },
            {
              title: t('有效期至'),
              key: 'validUntil',
              width: 160,
              render: (_, r) => t(validUntilText(r) as never),
            },
            {
              title: t('状态'),
              key: 'status',
              width: 200,
              render: (_, r) => (
                <Space size={4} wrap>
                  <StatusTag color={VALIDITY[r.status].color} testId="qualification-status">
                    {t(VALIDITY[r.status].label as never)}
                  </StatusTag>
                  {r.pendingRenewal ? (
                    <StatusTag color={RENEWAL.pending.color}>{t(RENEWAL.pending.label as never)}</StatusTag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('续期记录'),
              key: 'renewal',
              render: (_, r) =>
                r.pendingRenewal ? (
                  <Typography.Text type="secondary">
                    {t('{day} 提交，新有效期至 {until}', {
                      day: dateTime(r.pendingRenewal.submittedAt),
                      until: t(validUntilText(r.pendingRenewal) as never),
                    })}
                  </Typography.Text>
                ) : r.lastDecision?.status === 'rejected' ? (
                  <Typography.Text type="danger">
                    {t('上次续期被驳回：{reason}', { reason: r.lastDecision.reason ?? '' })}
                  </Typography.Text>
                ) : r.lastDecision ? (
                  <Typography.Text type="secondary">
                    {t('{day} 续期通过', { day: dateTime(r.lastDecision.decidedAt ?? r.lastDecision.submittedAt) })}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: t('操作'),
              key: 'act',
              width: 120,
              render: (_, r) => (
                <Button
                  size="small"
                  type={r.status === 'expired' || r.status === 'expiring' ? 'primary' : 'default'}
                  disabled={!!r.pendingRenewal}
                  onClick={() => setRenewing(r)}
                  data-testid="qualification-renew"
                >
                  {t('更新资质')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {renewing ? <RenewModal doc={renewing} onClose={() => setRenewing(null)} /> : null}
    </>
  );
}

interface RenewValues {
  number: string;
  imageUrl: string | null;
  validUntil?: Dayjs | null;
  permanent?: boolean;
}

function RenewModal({ doc, onClose }: { doc: Qualification; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const merchantId = useMerchantId();
  const [form] = Form.useForm<RenewValues>();
  const licence = doc.kind === 'business-licence';
  const send = useMutation({
    mutationFn: (v: RenewValues) =>
      must(
        api.POST('/api/v1/merchant/qualifications/{id}/renewals', {
          params: { path: { id: doc.id } },
          body: {
            number: v.number,
            imageUrl: v.imageUrl ?? '',
            permanent: licence && !!v.permanent,
            validUntil: licence && v.permanent ? null : dayOf(v.validUntil),
          },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已提交，平台审核通过后生效'));
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'qualifications'] });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open
      title={t('更新资质：{name}', { name: doc.kindName })}
      okText={t('提交审核')}
      cancelText={t('取消')}
      confirmLoading={send.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<RenewValues> form={form} layout="vertical" onFinish={(v) => send.mutate(v)} initialValues={{ number: '' }}>
        <Form.Item
          name="number"
          label={t('证书编号')}
          rules={[{ required: true, message: t('请填写{label}', { label: t('证书编号') }) }]}
        >
          <Input maxLength={60} data-testid="renew-number" />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: RenewValues, b: RenewValues) => a.permanent !== b.permanent}>
          {({ getFieldValue }) => (
            <Form.Item
              name="validUntil"
              label={t('有效期至')}
              rules={licence && getFieldValue('permanent') ? [] : validUntilRules(t)}
            >
              <ValidUntilPicker disabled={licence && !!getFieldValue('permanent')} testId="renew-valid-until" />
            </Form.Item>
          )}
        </Form.Item>
        {licence ? (
          <Form.Item name="permanent" valuePropName="checked">
            <Checkbox>{t('长期（营业期限为长期）')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item
          name="imageUrl"
          label={t('新证件照片')}
          rules={[{ required: true, message: t('请上传{name}', { name: t('新证件照片') }) }]}
        >
          <ImageUpload label="上传照片" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
