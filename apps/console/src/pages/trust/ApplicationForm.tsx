import { Alert, Button, Card, Checkbox, Col, Divider, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { yuan } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import type { AdmissionRules, Application, ApplicationBody } from './admission.ts';
import { ImageUpload } from '../../components/ImageUpload.tsx';
import { dayOf, ValidUntilPicker, validUntilRules, toDayjs } from './ValidUntilPicker.tsx';

interface Values {
  entityType: 'company' | 'individual';
  shopName: string;
  categoryId: string;
  licenceName: string;
  creditCode: string;
  licenceImageUrl: string | null;
  licenceValidUntil?: Dayjs | null;
  licencePermanent?: boolean;
  quals: Record<string, { number?: string; imageUrl?: string | null; validUntil?: Dayjs | null } | undefined>;
  legalRepName: string;
  idNumber: string;
  bankName: string;
  accountHolder: string;
  accountNumber: string;
}

/**
 * The application form. On a resubmission what was sent before is filled in, except the legal representative's name,
 * ID number and account number: the server keeps them only masked, so they are typed again.
 */
export function ApplicationForm({
  rules,
  previous,
  pending,
  error,
  onSubmit,
}: {
  rules: AdmissionRules;
  previous?: Application | undefined;
  pending: boolean;
  error: string | null;
  onSubmit: (body: ApplicationBody) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [categoryId, setCategoryId] = useState<string | undefined>(previous?.categoryId);
  const rule = rules.categories.find((c) => c.categoryId === categoryId);
  const initial: Partial<Values> = previous
    ? {
        entityType: previous.entityType,
        shopName: previous.shopName,
        categoryId: previous.categoryId,
        licenceName: previous.licenceName,
        creditCode: previous.creditCode,
        licenceImageUrl: previous.licenceImageUrl,
        licenceValidUntil: toDayjs(previous.licenceValidUntil),
        licencePermanent: previous.licencePermanent,
        quals: Object.fromEntries(
          previous.qualifications.map((q) => [
            q.kind,
            { number: q.number, imageUrl: q.imageUrl, validUntil: toDayjs(q.validUntil) },
          ]),
        ),
        bankName: previous.bankName,
        accountHolder: previous.bankAccountHolder,
      }
    : { entityType: 'company' };
  const required = (label: string) => [{ required: true, message: t('请填写{label}', { label: t(label as never) }) }];

  const submit = (v: Values) =>
    onSubmit({
      entityType: v.entityType,
      shopName: v.shopName,
      categoryId: v.categoryId,
      licenceName: v.licenceName,
      creditCode: v.creditCode.trim().toUpperCase(),
      licenceImageUrl: v.licenceImageUrl ?? '',
      licencePermanent: !!v.licencePermanent,
      licenceValidUntil: v.licencePermanent ? null : dayOf(v.licenceValidUntil),
      qualifications: (rule?.qualifications ?? []).map((q) => ({
        kind: q.kind,
        number: v.quals?.[q.kind]?.number ?? '',
        imageUrl: v.quals?.[q.kind]?.imageUrl ?? '',
        validUntil: dayOf(v.quals?.[q.kind]?.validUntil) ?? '',
      })),
      legalRep: { name: v.legalRepName, idNumber: v.idNumber.trim().toUpperCase() },
      bank: { bankName: v.bankName, accountHolder: v.accountHolder, accountNumber: v.accountNumber },
    });

  return (
    <Card title={previous ? t('补充资料后重新提交') : t('填写入驻申请')}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.categoryId) setCategoryId(changed.categoryId);
        }}
        requiredMark
        style={{ maxWidth: 880 }}
      >
        {previous ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('法定代表人姓名、身份证号码和银行账号只保存脱敏结果，重新提交时请再次填写。')}
          />
        ) : null}
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('店铺与主体')}
        </Typography.Title>
        <Row gutter={24}>
          <Col span={12}>
            <Form.Item name="entityType" label={t('主体类型')} rules={required('主体类型')}>
              <Radio.Group
                options={[
                  { value: 'company', label: t('企业') },
                  { value: 'individual', label: t('个体工商户') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="shopName" label={t('店铺名称')} rules={required('店铺名称')}>
              <Input maxLength={30} showCount placeholder={t('例如：山野小食铺')} data-testid="apply-shop-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="categoryId"
              label={t('主营类目')}
              rules={required('主营类目')}
              extra={rule ? t('该类目保证金 {amount}，开店后缴纳', { amount: yuan(rule.deposit) }) : undefined}
            >
              <Select
                data-testid="apply-category"
                placeholder={t('请选择')}
                options={rules.categories.map((c) => ({
                  value: c.categoryId,
                  label: `${c.name}（${t('保证金 {amount}', { amount: yuan(c.deposit) })}）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="licenceName" label={t('营业执照名称')} rules={required('营业执照名称')}>
              <Input maxLength={100} data-testid="apply-licence-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label={t('统一社会信用代码')}
              rules={[
                ...required('统一社会信用代码'),
                { pattern: /^[0-9A-Za-z]{18}$/, message: t('统一社会信用代码为 18 位数字或字母') },
              ]}
              extra={t('以营业执照为准，系统会核对末位校验码')}
            >
              <Input maxLength={18} data-testid="apply-credit-code" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="licenceImageUrl"
              label={t('营业执照照片')}
              rules={[{ required: true, message: t('请上传营业执照照片') }]}
            >
              <ImageUpload label="上传照片" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.licencePermanent !== b.licencePermanent}>
              {({ getFieldValue }) => (
                <Form.Item
                  name="licenceValidUntil"
                  label={t('营业执照有效期至')}
                  rules={getFieldValue('licencePermanent') ? [] : validUntilRules(t)}
                  extra={t('以营业执照上的营业期限为准；到期前 30 天会提醒续期')}
                >
                  <ValidUntilPicker disabled={!!getFieldValue('licencePermanent')} testId="apply-licence-valid-until" />
                </Form.Item>
              )}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="licencePermanent" valuePropName="checked" label=" ">
              <Checkbox data-testid="apply-licence-permanent">{t('长期（营业期限为长期）')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>

        {rule && rule.qualifications.length > 0 ? (
          <>
            <Divider />
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('类目资质')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('「{category}」类目须提供以下资质', { category: rule.name })}
            </Typography.Paragraph>
            {rule.qualifications.map((q) => (
              <Row gutter={24} key={q.kind}>
                <Col span={12}>
                  <Form.Item
                    name={['quals', q.kind, 'number']}
                    label={t('{name}编号', { name: q.name })}
                    rules={[{ required: true, message: t('请填写{label}', { label: t('证书编号') }) }]}
                  >
                    <Input maxLength={60} data-testid={`apply-qual-${q.kind}`} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['quals', q.kind, 'validUntil']} label={t('有效期至')} rules={validUntilRules(t)}>
                    <ValidUntilPicker testId={`apply-qual-valid-${q.kind}`} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={['quals', q.kind, 'imageUrl']}
                    label={q.name}
                    rules={[{ required: true, message: t('请上传{name}', { name: q.name }) }]}
                  >
                    <ImageUpload label="上传照片" />
                  </Form.Item>
                </Col>
              </Row>
            ))}
          </>
        ) : null}

        <Divider />
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('法定代表人实名认证')}
        </Typography.Title>
        <Row gutter={24}>
          <Col span={12}>
            <Form.Item name="legalRepName" label={t('姓名')} rules={required('姓名')}>
              <Input maxLength={30} autoComplete="off" data-testid="apply-rep-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="idNumber"
              label={t('身份证号码')}
              rules={[
                ...required('身份证号码'),
                { pattern: /^\d{17}[\dXx]$/, message: t('请填写 18 位居民身份证号码') },
              ]}
              extra={t('核验后只保存尾号四位')}
            >
              <Input maxLength={18} autoComplete="off" data-testid="apply-id-number" />
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('结算账户')}
        </Typography.Title>
        <Row gutter={24}>
          <Col span={8}>
            <Form.Item name="bankName" label={t('开户银行')} rules={required('开户银行')}>
              <Input maxLength={60} placeholder={t('例如：招商银行杭州分行')} data-testid="apply-bank" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="accountHolder"
              label={t('账户户名')}
              rules={required('账户户名')}
              extra={t('企业须使用与营业执照名称一致的对公账户')}
            >
              <Input maxLength={100} data-testid="apply-holder" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="accountNumber"
              label={t('银行账号')}
              rules={[...required('银行账号'), { pattern: /^[\d\s]{8,40}$/, message: t('银行账号为 8–30 位数字') }]}
              extra={t('只保存尾号四位')}
            >
              <Input maxLength={40} autoComplete="off" inputMode="numeric" data-testid="apply-account" />
            </Form.Item>
          </Col>
        </Row>
        {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
        <Button type="primary" htmlType="submit" loading={pending} data-testid="apply-submit">
          {previous ? t('重新提交') : t('提交申请')}
        </Button>
      </Form>
    </Card>
  );
}
