import { Alert, Descriptions, Image, Space, Timeline, Typography } from 'antd';
import { dateTime, yuan } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { ACTIONS, ENTITY, STATUS, type Application } from './admission.ts';

/** What was submitted and everything that happened to it; the applicant and the operator read the same page. */
export function ApplicationDetail({ app, viewer }: { app: Application; viewer: 'applicant' | 'operator' }) {
  const t = useT();
  const status = STATUS[app.status];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {app.lastReason && (app.status === 'needs-info' || app.status === 'rejected') ? (
        <Alert
          type={app.status === 'rejected' ? 'error' : 'warning'}
          showIcon
          title={app.status === 'rejected' ? t('驳回原因') : t('需要补充的资料')}
          description={app.lastReason}
          data-testid="application-reason"
        />
      ) : null}
      <Descriptions bordered size="small" column={2} title={t('申请信息')}>
        <Descriptions.Item label={t('状态')}>
          <StatusTag color={status.color} testId="application-status">
            {t(status.label as never)}
          </StatusTag>
        </Descriptions.Item>
        <Descriptions.Item label={t('第几次提交')}>{app.revision}</Descriptions.Item>
        <Descriptions.Item label={t('店铺名称')}>{app.shopName}</Descriptions.Item>
        <Descriptions.Item label={t('主营类目')}>
          {app.categoryName}（{t('保证金 {amount}', { amount: yuan(app.deposit) })}）
        </Descriptions.Item>
        <Descriptions.Item label={t('主体类型')}>{t(ENTITY[app.entityType] as never)}</Descriptions.Item>
        <Descriptions.Item label={t('营业执照名称')}>{app.licenceName}</Descriptions.Item>
        <Descriptions.Item label={t('统一社会信用代码')}>
          <Typography.Text code>{app.creditCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('法定代表人')}>
          {app.legalRepName}（{t('身份证尾号 {tail}，已核验', { tail: app.legalRepIdTail })}）
        </Descriptions.Item>
        <Descriptions.Item label={t('结算账户')} span={2}>
          {app.bankName} · {app.bankAccountHolder} · {app.bankAccountMasked}
        </Descriptions.Item>
        <Descriptions.Item label={t('证照材料')} span={2}>
          <Image.PreviewGroup>
            <Space wrap align="start">
              <figure style={{ margin: 0 }}>
                <Image
                  src={app.licenceImageUrl}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  alt={t('营业执照')}
                />
                <figcaption style={{ fontSize: 12 }}>
                  {t('营业执照')}
                  <br />
                  {app.licencePermanent
                    ? t('长期有效')
                    : app.licenceValidUntil
                      ? t('有效期至 {day}', { day: app.licenceValidUntil })
                      : t('未登记有效期')}
                </figcaption>
              </figure>
              {app.qualifications.map((q) => (
                <figure key={q.kind} style={{ margin: 0 }}>
                  <Image src={q.imageUrl} width={96} height={96} style={{ objectFit: 'cover' }} alt={q.kindName} />
                  <figcaption style={{ fontSize: 12, maxWidth: 160 }}>
                    {q.kindName}
                    <br />
                    {q.number}
                    <br />
                    {q.validUntil ? t('有效期至 {day}', { day: q.validUntil }) : t('未登记有效期')}
                  </figcaption>
                </figure>
              ))}
            </Space>
          </Image.PreviewGroup>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('审核记录')}
        </Typography.Title>
        <Timeline
          data-testid="application-history"
          items={app.history.map((h) => ({
            color:
              h.action === 'rejected'
                ? 'red'
                : h.action === 'approved'
                  ? 'green'
                  : h.action === 'info-requested'
                    ? 'orange'
                    : 'blue',
            children: (
              <>
                <Typography.Text strong>{t((ACTIONS[h.action] ?? h.action) as never)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {dateTime(h.at)} ·{' '}
                  {h.by === 'applicant'
                    ? viewer === 'applicant'
                      ? t('我')
                      : t('申请人 {name}', { name: h.byName ?? '' })
                    : h.byName
                      ? t('平台运营 {name}', { name: h.byName })
                      : t('平台审核')}
                </Typography.Text>
                {h.reason ? <div>{h.reason}</div> : null}
              </>
            ),
          }))}
        />
      </div>
    </Space>
  );
}
