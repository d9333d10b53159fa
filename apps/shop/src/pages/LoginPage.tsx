import { useMutation } from '@tanstack/react-query';
import { Button, Form, Tabs, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, must } from '../api/client.ts';
import { useResetSession } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';
import './LoginPage.css';
import { FieldInput } from '../components/Field.tsx';
import { startWechatLogin } from '../lib/wechat-login.ts';
import './WechatLogin.css';

const PHONE = /^1[3-9]\d{9}$/;

/** Only same-site paths: a crafted ?redirect= must not send the shopper elsewhere. */
function safeRedirect(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/me';
}

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const resetSession = useResetSession();
  const [mode, setMode] = useState<'code' | 'password'>('code');
  const [codeForm] = Form.useForm<{ phone: string; code: string }>();
  const [passwordForm] = Form.useForm<{ phone: string; password: string }>();
  const [countdown, setCountdown] = useState(0);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const done = async () => {
    await resetSession();
    Toast.show({ icon: 'success', content: t('登录成功') });
    await navigate(redirect, { replace: true });
  };

  const sendCode = useMutation({
    mutationFn: (phone: string) => must(api.POST('/api/v1/auth/sms-codes', { body: { phone } })),
    onSuccess: () => {
      setCountdown(60);
      Toast.show({ content: t('验证码已发送（沙箱环境：验证码写在服务器日志里）'), duration: 3000 });
    },
  });
  const codeLogin = useMutation({
    mutationFn: (v: { phone: string; code: string }) => must(api.POST('/api/v1/auth/login/code', { body: v })),
    onSuccess: done,
  });
  const passwordLogin = useMutation({
    mutationFn: (v: { phone: string; password: string }) => must(api.POST('/api/v1/auth/login/password', { body: v })),
    onSuccess: done,
  });

  const wechat = useMutation({ mutationFn: () => startWechatLogin({ bind: false, returnTo: redirect }) });

  const requestCode = async () => {
    try {
      const { phone } = await codeForm.validateFields(['phone']);
      sendCode.mutate(phone.trim());
    } catch {
      // The form shows which field is wrong.
    }
  };

  const phoneRules = [
    { required: true, message: t('请输入手机号') },
    { pattern: PHONE, message: t('请输入 11 位手机号') },
  ];

  return (
    <div className="page login-page">
      <PageHeader title={t('登录')} />
      <div className="login-hero">
        <div className="login-logo" aria-hidden>
          好物
        </div>
        <p>{t('登录后可加购、下单、查看订单')}</p>
      </div>
      <Tabs activeKey={mode} onChange={(k) => setMode(k === 'password' ? 'password' : 'code')} className="login-tabs">
        <Tabs.Tab title={t('验证码登录')} key="code">
          <Form
            form={codeForm}
            layout="horizontal"
            onFinish={(v: { phone: string; code: string }) =>
              codeLogin.mutate({ phone: v.phone.trim(), code: v.code.trim() })
            }
            footer={
              <Button
                block
                type="submit"
                color="primary"
                size="large"
                loading={codeLogin.isPending}
                data-testid="login-submit"
              >
                {t('登录')}
              </Button>
            }
          >
            <Form.Item name="phone" label={t('手机号')} rules={phoneRules}>
              <FieldInput
                type="tel"
                inputMode="numeric"
                maxLength={11}
                placeholder={t('请输入手机号')}
                autoComplete="tel"
                data-testid="login-phone"
              />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('验证码')}
              rules={[
                { required: true, message: t('请输入验证码') },
                { pattern: /^\d{6}$/, message: t('验证码为 6 位数字') },
              ]}
              extra={
                <button
                  type="button"
                  className="code-button"
                  disabled={countdown > 0 || sendCode.isPending}
                  onClick={() => void requestCode()}
                  data-testid="login-send-code"
                >
                  {countdown > 0 ? t('{n} 秒后重发', { n: countdown }) : t('获取验证码')}
                </button>
              }
            >
              <FieldInput
                inputMode="numeric"
                maxLength={6}
                placeholder={t('6 位数字')}
                autoComplete="one-time-code"
                data-testid="login-code"
              />
            </Form.Item>
          </Form>
          <p className="login-note">
            {t('未注册的手机号验证后自动创建账号。沙箱环境不发送真实短信，验证码写在服务器日志中。')}
          </p>
        </Tabs.Tab>
        <Tabs.Tab title={t('密码登录')} key="password">
          <Form
            form={passwordForm}
            layout="horizontal"
            onFinish={(v: { phone: string; password: string }) =>
              passwordLogin.mutate({ phone: v.phone.trim(), password: v.password })
            }
            footer={
              <Button
                block
                type="submit"
                color="primary"
                size="large"
                loading={passwordLogin.isPending}
                data-testid="login-password-submit"
              >
                {t('登录')}
              </Button>
            }
          >
            <Form.Item name="phone" label={t('手机号')} rules={phoneRules}>
              <FieldInput
                type="tel"
                inputMode="numeric"
                maxLength={11}
                placeholder={t('请输入手机号')}
                autoComplete="tel"
                data-testid="login-password-phone"
              />
            </Form.Item>
            <Form.Item name="password" label={t('密码')} rules={[{ required: true, message: t('请输入密码') }]}>
              <FieldInput
                type="password"
                placeholder={t('请输入密码')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
          </Form>
          <p className="login-note">{t('还没有密码？先用验证码登录，再到「我的 · 设置」里设置密码。')}</p>
        </Tabs.Tab>
      </Tabs>
      <div className="wechat-login-other">
        <p>{t('其他登录方式')}</p>
        <Button
          block
          shape="rounded"
          className="wechat-login-button"
          loading={wechat.isPending}
          onClick={() => wechat.mutate()}
          data-testid="login-wechat"
        >
          {t('微信登录')}
        </Button>
      </div>
    </div>
  );
}
