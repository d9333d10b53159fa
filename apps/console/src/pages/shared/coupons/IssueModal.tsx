import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';
import { type CouponOwner, type CouponTemplate, type IssueBody, issueTemplate } from './api.ts';
import { isUnlimitedQuantity } from './labels.ts';

interface Values {
  target: 'list' | 'buyers' | 'lapsed_buyers';
  list?: string;
}

/** 定向发放: to pasted phone numbers / user ids, or to a segment kept from this shop's paid orders. */
export function IssueModal({
  owner,
  template,
  onClose,
  onIssued,
}: {
  owner: CouponOwner;
  template: CouponTemplate | null;
  onClose: () => void;
  onIssued: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch('target', form);
  const [result, setResult] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: (body: IssueBody) => issueTemplate(owner, template!.id, body, newIdempotencyKey()),
    onSuccess: (r) => {
      const unknown = r.unmatched ? t('；{n} 个未匹配到注册用户', { n: r.unmatched }) : '';
      setResult(
        t('已发放 {issued} 张，{skipped} 人已达限领跳过', { issued: r.issued, skipped: r.skippedAtLimit }) + unknown,
      );
      onIssued();
    },
    onError: notify.error,
  });
  const submit = (v: Values) => {
    if (v.target !== 'list') return issue.mutate({ segment: v.target });
    const tokens = (v.list ?? '').split(/[\s,，、]+/).filter(Boolean);
    issue.mutate({
      phones: tokens.filter((x) => /^1\d{10}$/.test(x)),
      userIds: tokens.filter((x) => !/^1\d{10}$/.test(x)),
    });
  };
  const close = () => {
    setResult(null);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      title={t('定向发放「{name}」', { name: template?.name ?? '' })}
      open={template !== null}
      onCancel={close}
      onOk={() => (result ? close() : form.submit())}
      okText={result ? t('完成') : t('发放')}
      cancelText={t('取消')}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      {template && (
        <p style={{ marginTop: 0 }}>
          {isUnlimitedQuantity(template.totalQuantity)
            ? t('发行量不限，每人限 {limit} 张。', { limit: template.perUserLimit })
            : t('剩余 {n} 张，每人限 {limit} 张。', {
                n: template.totalQuantity - template.stats.issued,
                limit: template.perUserLimit,
              })}
        </p>
      )}
      <Form<Values> form={form} layout="vertical" initialValues={{ target: 'buyers' }} onFinish={submit}>
        <Form.Item name="target" label={t('发给谁')}>
          <Radio.Group
            options={[
              { value: 'buyers', label: owner === 'merchant' ? t('在本店买过的用户') : t('在平台买过的用户') },
              { value: 'lapsed_buyers', label: t('60 天未下单的老客') },
              { value: 'list', label: t('指定用户') },
            ]}
          />
        </Form.Item>
        {target === 'list' && (
          <Form.Item
            name="list"
            label={t('手机号或用户 ID')}
            rules={[{ required: true, message: t('请填写至少一个用户') }]}
          >
            <Input.TextArea rows={4} placeholder={t('每行一个，或用逗号分隔')} />
          </Form.Item>
        )}
      </Form>
      {result && <Alert type="success" showIcon title={result} />}
    </Modal>
  );
}
