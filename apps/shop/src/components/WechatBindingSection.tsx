import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, Skeleton, Toast } from 'antd-mobile';
import { api, must } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { startWechatLogin } from '../lib/wechat-login.ts';
import { QueryError } from './QueryError.tsx';

const key = ['me', 'wechat'] as const;

/** 账号设置 · 微信绑定: bind WeChat to the signed-in phone account, or unbind it (the phone still signs in). */
export function WechatBindingSection() {
  const t = useT();
  const qc = useQueryClient();
  const binding = useQuery({ queryKey: key, queryFn: () => must(api.GET('/api/v1/me/wechat')) });
  const bind = useMutation({ mutationFn: () => startWechatLogin({ bind: true, returnTo: '/me/settings' }) });
  const unbind = useMutation({
    mutationFn: () => must(api.DELETE('/api/v1/me/wechat')),
    onSuccess: (b) => {
      qc.setQueryData(key, b);
      Toast.show({ icon: 'success', content: t('已解绑微信') });
    },
  });

  const confirmUnbind = async () => {
    const yes = await Dialog.confirm({
      title: t('解绑微信？'),
      content: t('解绑后不能再用该微信登录，仍可用手机号登录。'),
      confirmText: t('解绑'),
    });
    if (yes) unbind.mutate();
  };

  return (
    <section className="card" data-testid="wechat-binding">
      <h2>{t('微信绑定')}</h2>
      {binding.isPending ? (
        <Skeleton.Paragraph lineCount={2} animated />
      ) : binding.isError ? (
        <QueryError error={binding.error} onRetry={() => void binding.refetch()} />
      ) : (
        <List>
          <List.Item
            description={
              binding.data.bound
                ? t('绑定于 {date}，可用微信一键登录', { date: binding.data.boundAt!.slice(0, 10) })
                : t('绑定后可用微信一键登录，无需输入验证码')
            }
            extra={
              binding.data.bound ? (
                <Button size="small" loading={unbind.isPending} onClick={() => void confirmUnbind()}>
                  {t('解绑')}
                </Button>
              ) : (
                <Button
                  size="small"
                  color="success"
                  loading={bind.isPending}
                  onClick={() => bind.mutate()}
                  data-testid="wechat-bind-start"
                >
                  {t('绑定微信')}
                </Button>
              )
            }
          >
            {binding.data.bound ? (binding.data.nickname ?? t('已绑定微信')) : t('未绑定微信')}
          </List.Item>
        </List>
      )}
    </section>
  );
}
