import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Form, List, Switch, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, must } from '../api/client.ts';
import { useMarketingMessages } from '../api/lifecycle.ts';
import { meKey, useMe, useResetSession } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLang, useT } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import { FieldInput } from '../components/Field.tsx';
import { WechatBindingSection } from '../components/WechatBindingSection.tsx';
import { CareModeSection } from '../components/CareModeSection.tsx';

export default function SettingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { lang, setLang } = useLang();
  const me = useMe();
  const resetSession = useResetSession();
  const marketing = useMarketingMessages();
  const [profileForm] = Form.useForm<{ nickname: string }>();
  const [passwordForm] = Form.useForm<{ password: string; confirm: string }>();

  const saveProfile = useMutation({
    mutationFn: (nickname: string) => must(api.PATCH('/api/v1/me', { body: { nickname } })),
    onSuccess: (user) => {
      qc.setQueryData(meKey, user);
      Toast.show({ icon: 'success', content: t('已保存') });
    },
  });
  const setPassword = useMutation({
    mutationFn: (password: string) => must(api.PUT('/api/v1/me/password', { body: { password } })),
    onSuccess: async () => {
      passwordForm.resetFields();
      Toast.show({ icon: 'success', content: t('密码已设置') });
      await qc.invalidateQueries({ queryKey: meKey });
    },
  });
  const logout = useMutation({
    mutationFn: () => must(api.POST('/api/v1/auth/logout')),
    onSuccess: async () => {
      await resetSession();
      await navigate('/me', { replace: true });
    },
  });

  const user = me.data;
  if (!user) return null;

  return (
    <div className="page">
      <PageHeader title={t('账号设置')} />
      <CareModeSection />
      <section className="card">
        <h2>{t('个人资料')}</h2>
        <p className="muted">
          {t('手机号')}：{maskPhone(user.phone)}
        </p>
        <Form
          form={profileForm}
          initialValues={{ nickname: user.nickname }}
          onFinish={(v: { nickname: string }) => saveProfile.mutate(v.nickname.trim())}
          footer={
            <Button type="submit" color="primary" fill="outline" block loading={saveProfile.isPending}>
              {t('保存昵称')}
            </Button>
          }
        >
          <Form.Item
            name="nickname"
            label={t('昵称')}
            rules={[
              { required: true, message: t('请填写昵称') },
              { max: 20, message: t('昵称最多 20 个字') },
            ]}
          >
            <FieldInput maxLength={20} placeholder={t('请填写昵称')} />
          </Form.Item>
        </Form>
      </section>

      <section className="card">
        <h2>{user.hasPassword ? t('修改登录密码') : t('设置登录密码')}</h2>
        <Form
          form={passwordForm}
          onFinish={(v: { password: string }) => setPassword.mutate(v.password)}
          footer={
            <Button type="submit" color="primary" fill="outline" block loading={setPassword.isPending}>
              {t('保存密码')}
            </Button>
          }
        >
          <Form.Item
            name="password"
            label={t('新密码')}
            rules={[
              { required: true, message: t('请输入密码') },
              { min: 8, message: t('密码至少 8 位') },
              { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('密码需同时包含字母和数字') },
            ]}
          >
            <FieldInput type="password" autoComplete="new-password" placeholder={t('至少 8 位，含字母和数字')} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('确认密码')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('请再次输入密码') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value) => {
                  if (value && value !== getFieldValue('password')) throw new Error(t('两次输入的密码不一致'));
                },
              }),
            ]}
          >
            <FieldInput type="password" autoComplete="new-password" placeholder={t('再次输入新密码')} />
          </Form.Item>
        </Form>
      </section>

      <WechatBindingSection />

      <section className="card">
        <List>
          <List.Item
            description={t('接收优惠、会员日和召回等营销短信。关闭后不再收到任何营销短信，订单和安全通知不受影响。')}
            extra={
              // Until the server answers the switch is not shown: a default position would claim a choice.
              !marketing.query.data ? (
                <span className="muted">{t('加载中')}</span>
              ) : (
                <Switch
                  data-testid="marketing-switch"
                  aria-label={t('营销消息')}
                  checked={marketing.query.data.marketing}
                  loading={marketing.update.isPending}
                  onChange={(on) =>
                    marketing.update.mutate(on, {
                      onSuccess: () =>
                        Toast.show({ icon: 'success', content: on ? t('已开启营销消息') : t('已关闭营销消息') }),
                    })
                  }
                />
              )
            }
          >
            {t('营销消息')}
          </List.Item>
        </List>
      </section>

      <section className="card">
        <h2>{t('语言 / Language')}</h2>
        <div className="row">
          <Button
            size="small"
            color={lang === 'zh-CN' ? 'primary' : 'default'}
            onClick={() => setLang('zh-CN')}
            aria-pressed={lang === 'zh-CN'}
          >
            简体中文
          </Button>
          <Button
            size="small"
            color={lang === 'en-US' ? 'primary' : 'default'}
            onClick={() => setLang('en-US')}
            aria-pressed={lang === 'en-US'}
          >
            English
          </Button>
        </div>
      </section>

      <div style={{ padding: '24px 12px' }}>
        <Button
          block
          size="large"
          loading={logout.isPending}
          data-testid="logout"
          onClick={() =>
            void Dialog.confirm({
              content: t('确定退出登录吗？'),
              confirmText: t('退出登录'),
              cancelText: t('取消'),
            }).then((yes) => {
              if (yes) logout.mutate();
            })
          }
        >
          {t('退出登录')}
        </Button>
      </div>
    </div>
  );
}
