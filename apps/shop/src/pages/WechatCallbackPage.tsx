import { useMutation } from '@tanstack/react-query';
import { Button, ErrorBlock, Form, SpinLoading, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, must, type PostOk, problemTitle } from '../api/client.ts';
import { useResetSession } from '../api/session.ts';
import { FieldInput } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';
import { wechatReturnPath } from '../lib/wechat-login.ts';
import './LoginPage.css';
import './WechatLogin.css';

type Outcome = PostOk<'/api/v1/auth/wechat/callback'>;
const PHONE = /^1[3-9]\d{9}$/;
// The state is single use: React's development double effect must not spend it twice.
const started = new Map<string, Promise<Outcome>>();

/** Where WeChat (or the sandbox consent page) sends the browser back with ?code=&state=. */
export default function WechatCallbackPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const resetSession = useResetSession();
  const code = params.get('code');
  const state = params.get('state') ?? '';
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [form] = Form.useForm<{ phone: string; code: string }>();

  const finish = async (message: string, fallback: string) => {
    await resetSession();
    Toast.show({ icon: 'success', content: message });
    await navigate(wechatReturnPath(fallback), { replace: true });
  };

  useEffect(() => {
    if (!code || !state) return;
    let pending = started.get(state);
    if (!pending) {
      pending = must(api.POST('/api/v1/auth/wechat/callback', { body: { code, state } }));
      started.set(state, pending);
    }
    pending.then(
      async (o) => {
        if (o.status === 'signed-in') await finish(t('登录成功'), '/me');
        else if (o.status === 'bound') await finish(t('微信已绑定'), '/me/settings');
        else setOutcome(o);
      },
      (err: unknown) => setError(problemTitle(err)),
    );
  }, [code, state]);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const sendCode = useMutation({
    mutationFn: (phone: string) => must(api.POST('/api/v1/auth/sms-codes', { body: { phone } })),
    onSuccess: () => {
      setCountdown(60);
      Toast.show({ content: t('验证码已发送') });
    },
  });
  const bind = useMutation({
    mutationFn: (v: { phone: string; code: string }) =>
      must(
        api.POST('/api/v1/auth/wechat/bind-phone', {
          body: { ticket: outcome?.status === 'needs-phone' ? outcome.ticket : '', ...v },
        }),
      ),
    onSuccess: () => finish(t('登录成功'), '/me'),
  });

  const requestCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone']);
      sendCode.mutate(phone.trim());
    } catch {
      // The form shows which field is wrong.
    }
  };

  const back = (
    <div className="wechat-callback-actions">
      <Button block onClick={() => void navigate('/login', { replace: true })}>
        {t('返回登录')}
      </Button>
    </div>
  );

  if (!code)
    return (
      <div className="page">
        <PageHeader title={t('微信登录')} backTo="/login" />
        <ErrorBlock status="default" title={t('你取消了微信授权')} description={t('可以改用手机验证码登录。')}>
          {back}
        </ErrorBlock>
      </div>
    );
  if (error)
    return (
      <div className="page">
        <PageHeader title={t('微信登录')} backTo="/login" />
        <ErrorBlock status="default" title={error} description={t('请回到登录页重新点击「微信登录」。')}>
          {back}
        </ErrorBlock>
      </div>
    );
  if (outcome?.status !== 'needs-phone')
    return (
      <div className="page">
        <PageHeader title={t('微信登录')} backTo="/login" />
        <div className="wechat-pending" role="status">
          <SpinLoading />
          <p className="muted">{t('正在确认微信授权…')}</p>
        </div>
      </div>
    );

  return (
    <div className="page login-page">
      <PageHeader title={t('绑定手机号')} backTo="/login" />
      <div className="wechat-callback">
        <h2>{t('微信授权成功')}</h2>
        <p className="muted">
          {outcome.nickname ? t('{name}，', { name: outcome.nickname }) : ''}
          {t('请绑定手机号完成登录。已注册的手机号会绑定到原账号，新手机号将创建账号。')}
        </p>
      </div>
      <Form
        form={form}
        layout="horizontal"
        onFinish={(v: { phone: string; code: string }) => bind.mutate({ phone: v.phone.trim(), code: v.code.trim() })}
        footer={
          <Button block type="submit" color="primary" size="large" loading={bind.isPending} data-testid="wechat-bind">
            {t('绑定并登录')}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t('手机号')}
          rules={[
            { required: true, message: t('请输入手机号') },
            { pattern: PHONE, message: t('请输入 11 位手机号') },
          ]}
        >
          <FieldInput
            type="tel"
            inputMode="numeric"
            maxLength={11}
            placeholder={t('请输入手机号')}
            data-testid="wechat-phone"
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
              data-testid="wechat-send-code"
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
            data-testid="wechat-code"
          />
        </Form.Item>
      </Form>
      <p className="login-note">{t('绑定有效期 10 分钟，过期请重新点击「微信登录」。')}</p>
    </div>
  );
}
