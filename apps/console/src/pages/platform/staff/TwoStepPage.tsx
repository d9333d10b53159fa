import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, QRCode, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, must } from '../../../api/client.ts';
import { STAFF_ME_KEY, useStaffMe } from '../../../app/staffAccess.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { PageSkeleton } from '../../../components/PageSkeleton.tsx';
import { useT } from '../../../i18n/index.tsx';

/** Where to go after passing: the page that sent the person here, if it is a console page. */
function useReturn() {
  const [params] = useSearchParams();
  const from = params.get('from');
  return from && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

function CodeForm({ onCode, pending, testId }: { onCode: (code: string) => void; pending: boolean; testId: string }) {
  const t = useT();
  return (
    <Form layout="inline" onFinish={(v: { code: string }) => onCode(v.code.trim())}>
      <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('请输入 6 位数字验证码') }]}>
        <Input
          inputMode="numeric"
          maxLength={6}
          placeholder={t('6 位验证码')}
          style={{ width: 160 }}
          data-testid={testId}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} data-testid={`${testId}-submit`}>
        {t('验证')}
      </Button>
    </Form>
  );
}

export default function TwoStepPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const back = useReturn();
  const staff = useStaffMe();
  const [useRecovery, setUseRecovery] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const passed = () => void qc.invalidateQueries({ queryKey: STAFF_ME_KEY });

  const start = useMutation({
    mutationFn: () => must(api.POST('/api/v1/staff/me/totp/enrolment')),
    onError: notify.error,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => must(api.POST('/api/v1/staff/me/totp/confirmation', { body: { code } })),
    onSuccess: (r) => {
      setRecoveryCodes(r.recoveryCodes);
      passed();
    },
    onError: notify.error,
  });
  const verify = useMutation({
    mutationFn: (body: { code?: string; recoveryCode?: string }) =>
      must(api.POST('/api/v1/staff/me/totp/verification', { body })),
    onSuccess: () => {
      notify.success(t('已通过两步验证'));
      passed();
      void navigate(back, { replace: true });
    },
    onError: notify.error,
  });

  if (staff.isPending || !staff.data) return <PageSkeleton />;
  const s = staff.data;
  const subtitle = s.required
    ? t('你的岗位（{roles}）须通过两步验证才能使用后台。', { roles: s.roleLabels.join('、') })
    : t('建议绑定：账号密码泄露时，别人仍然无法登录你的后台。');

  if (recoveryCodes) {
    return (
      <>
        <PageHeader title={t('两步验证')} subtitle={subtitle} />
        <Card>
          <Result
            status="success"
            title={t('绑定成功')}
            subTitle={t(
              '请把下面的恢复码抄下或存到安全的地方：手机丢失时，每个恢复码可代替验证码使用一次。它们只显示这一次。',
            )}
          />
          <Flex wrap gap={12} justify="center" data-testid="recovery-codes">
            {recoveryCodes.map((c) => (
              <Typography.Text key={c} code copyable>
                {c}
              </Typography.Text>
            ))}
          </Flex>
          <Flex justify="center" style={{ marginTop: 24 }}>
            <Button type="primary" onClick={() => void navigate(back, { replace: true })} data-testid="recovery-saved">
              {t('我已保存，继续')}
            </Button>
          </Flex>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('两步验证')} subtitle={subtitle} />
      <Card>
        {s.enrolled && s.verified ? (
          <Alert type="success" showIcon title={t('已绑定，本次登录已通过两步验证')} />
        ) : s.enrolled ? (
          <Space orientation="vertical" size="middle">
            <Typography.Paragraph>
              {useRecovery
                ? t('输入一个未用过的恢复码。')
                : t('打开身份验证器 App，输入“好物运营后台”当前显示的 6 位数字。')}
            </Typography.Paragraph>
            {useRecovery ? (
              <Form layout="inline" onFinish={(v: { code: string }) => verify.mutate({ recoveryCode: v.code.trim() })}>
                <Form.Item name="code" rules={[{ required: true, message: t('请输入恢复码') }]}>
                  <Input maxLength={12} style={{ width: 200 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={verify.isPending}>
                  {t('验证')}
                </Button>
              </Form>
            ) : (
              <CodeForm onCode={(code) => verify.mutate({ code })} pending={verify.isPending} testId="totp-verify" />
            )}
            <Button type="link" onClick={() => setUseRecovery(!useRecovery)} style={{ padding: 0 }}>
              {useRecovery ? t('改用验证码') : t('手机不在身边？使用恢复码')}
            </Button>
          </Space>
        ) : start.data ? (
          <Flex gap={32} wrap align="flex-start">
            <QRCode value={start.data.otpauthUrl} size={200} data-testid="totp-qr" />
            <Space orientation="vertical" size="middle" style={{ maxWidth: 460 }}>
              <Typography.Paragraph>
                {t(
                  '1. 用身份验证器 App（如 Google Authenticator、Microsoft Authenticator、腾讯身份验证器）扫描二维码。',
                )}
              </Typography.Paragraph>
              <Typography.Paragraph>
                {t('无法扫码时手动输入密钥：')}
                <Typography.Text code copyable data-testid="totp-secret">
                  {start.data.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Typography.Paragraph>{t('2. 输入 App 显示的 6 位数字完成绑定。')}</Typography.Paragraph>
              <CodeForm onCode={(code) => confirm.mutate(code)} pending={confirm.isPending} testId="totp-confirm" />
            </Space>
          </Flex>
        ) : (
          <Space orientation="vertical" size="middle">
            <Typography.Paragraph>
              {t('还没有绑定两步验证。绑定后，每次登录后台都要输入身份验证器 App 上的 6 位数字。')}
            </Typography.Paragraph>
            <Button type="primary" onClick={() => start.mutate()} loading={start.isPending} data-testid="totp-start">
              {t('开始绑定')}
            </Button>
          </Space>
        )}
      </Card>
    </>
  );
}
