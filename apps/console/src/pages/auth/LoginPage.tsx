import { LockOutlined, MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, must, problemTitle, type BodyOf, type Me } from '../../api/client.ts';
import { ME_KEY } from '../../app/session.ts';
import { useLang, useT, type Lang } from '../../i18n/index.tsx';

type PasswordLogin = BodyOf<'/api/v1/auth/login/password', 'post'>;
type CodeLogin = BodyOf<'/api/v1/auth/login/code', 'post'>;

const PHONE = /^1[3-9]\d{9}$/;

export default function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<'password' | 'code'>('password');
  const [passwordForm] = Form.useForm<PasswordLogin>();
  const [codeForm] = Form.useForm<CodeLogin>();
  const [cooldown, setCooldown] = useState(0);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const signedIn = (user: Me) => {
    qc.clear();
    qc.setQueryData(ME_KEY, user);
    const from = params.get('from');
    // Only paths inside the console: never an absolute URL someone put in the link.
    void navigate(from?.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
  };

  const loginWithPassword = useMutation({
    mutationFn: (body: PasswordLogin) => must(api.POST('/api/v1/auth/login/password', { body })),
    onSuccess: (res) => signedIn(res.user),
  });
  const loginWithCode = useMutation({
    mutationFn: (body: CodeLogin) => must(api.POST('/api/v1/auth/login/code', { body })),
    onSuccess: (res) => signedIn(res.user),
  });
  const sendCode = useMutation({
    mutationFn: (phone: string) => must(api.POST('/api/v1/auth/sms-codes', { body: { phone } })),
    onSuccess: () => setCooldown(60),
  });

  const failure = mode === 'password' ? loginWithPassword.error : (loginWithCode.error ?? sendCode.error);
  const phoneRules = [
    { required: true, message: t('请输入手机号') },
    { pattern: PHONE, message: t('请输入 11 位手机号') },
  ];

  return (
    <main className="login-page">
      <div className="login-lang">
        <Segmented<Lang>
          aria-label={t('界面语言')}
          size="small"
          value={lang}
          onChange={(v) => setLang(v)}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en-US', label: 'EN' },
          ]}
        />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <span className="console-brand-mark" aria-hidden="true">
            好
          </span>
          <div>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('好物商家与运营后台')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('商家员工与平台运营使用手机号登录')}</Typography.Text>
          </div>
        </div>
        {sendCode.isSuccess && mode === 'code' ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('验证码已发送，{n} 分钟内有效', { n: Math.round(sendCode.data.expiresInSeconds / 60) })}
          />
        ) : null}
        {failure ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={problemTitle(failure)}
            data-testid="login-error"
          />
        ) : null}
        <Tabs
          activeKey={mode}
          onChange={(k) => setMode(k === 'code' ? 'code' : 'password')}
          items={[
            {
              key: 'password',
              label: t('密码登录'),
              children: (
                <Form
                  form={passwordForm}
                  layout="vertical"
                  requiredMark={false}
                  onFinish={(v) => loginWithPassword.mutate(v)}
                >
                  <Form.Item name="phone" label={t('手机号')} rules={phoneRules}>
                    <Input
                      prefix={<MobileOutlined aria-hidden="true" />}
                      inputMode="numeric"
                      autoComplete="username"
                      maxLength={11}
                      data-testid="login-phone"
                    />
                  </Form.Item>
                  <Form.Item name="password" label={t('密码')} rules={[{ required: true, message: t('请输入密码') }]}>
                    <Input.Password
                      prefix={<LockOutlined aria-hidden="true" />}
                      autoComplete="current-password"
                      data-testid="login-password"
                    />
                  </Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    block
                    size="large"
                    loading={loginWithPassword.isPending}
                    data-testid="login-submit"
                  >
                    {t('登录')}
                  </Button>
                </Form>
              ),
            },
            {
              key: 'code',
              label: t('验证码登录'),
              children: (
                <Form form={codeForm} layout="vertical" requiredMark={false} onFinish={(v) => loginWithCode.mutate(v)}>
                  <Form.Item name="phone" label={t('手机号')} rules={phoneRules}>
                    <Input
                      prefix={<MobileOutlined aria-hidden="true" />}
                      inputMode="numeric"
                      autoComplete="username"
                      maxLength={11}
                      data-testid="login-code-phone"
                    />
                  </Form.Item>
                  <Form.Item label={t('验证码')} required>
                    <div style={{ display: 'flex', gap: 8 }}>
                      <Form.Item
                        name="code"
                        noStyle
                        rules={[{ required: true, pattern: /^\d{6}$/, message: t('验证码为 6 位数字') }]}
                      >
                        <Input
                          prefix={<SafetyOutlined aria-hidden="true" />}
                          inputMode="numeric"
                          autoComplete="one-time-code"
                          maxLength={6}
                          aria-label={t('验证码')}
                          data-testid="login-code"
                        />
                      </Form.Item>
                      <Button
                        disabled={cooldown > 0}
                        loading={sendCode.isPending}
                        data-testid="login-send-code"
                        onClick={() => {
                          codeForm
                            .validateFields(['phone'])
                            .then(({ phone }) => sendCode.mutate(phone))
                            .catch(() => undefined);
                        }}
                      >
                        {cooldown > 0 ? t('{n} 秒后重发', { n: cooldown }) : t('获取验证码')}
                      </Button>
                    </div>
                  </Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    block
                    size="large"
                    loading={loginWithCode.isPending}
                    data-testid="login-code-submit"
                  >
                    {t('登录')}
                  </Button>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
                    {t('本地沙箱环境不发短信：验证码写在服务器日志里。')}
                  </Typography.Paragraph>
                </Form>
              ),
            },
          ]}
        />
      </Card>
    </main>
  );
}
