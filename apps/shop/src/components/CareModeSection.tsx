import { List, Switch, Toast } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client.ts';
import { careModeKey, useActiveFamily, useFamilyCareMode, useSetMyCareMode } from '../api/careMode.ts';
import { useT } from '../i18n/index.tsx';

type Binding = NonNullable<ReturnType<typeof useActiveFamily>['data']>[number];

/** 设置 › 关怀模式: large type, high contrast and a simpler shop, for oneself and for a bound family member. */
export function CareModeSection() {
  const t = useT();
  // Read straight from the server here (not the local copy): the switch shows what the account really has.
  const mine = useQuery({ queryKey: careModeKey, queryFn: () => must(api.GET('/api/v1/me/care-mode')) });
  const set = useSetMyCareMode();
  const family = useActiveFamily();
  const mode = mine.data;
  const change = (next: { enabled: boolean; voicePrices: boolean }, done: string) =>
    set.mutate(next, { onSuccess: () => Toast.show({ icon: 'success', content: done }) });

  return (
    <section className="card" aria-labelledby="care-mode-title">
      <h2 id="care-mode-title">{t('关怀模式')}</h2>
      <List>
        <List.Item
          description={
            mode?.setBy === 'family' && mode.enabled
              ? t('字更大、颜色更清楚、操作更简单。由家人为你开启，你也可以随时关闭。')
              : t('字更大、颜色更清楚、操作更简单。换手机登录也会保持。')
          }
          extra={
            <Switch
              data-testid="care-mode-switch"
              aria-label={t('关怀模式')}
              checked={mode?.enabled ?? false}
              disabled={!mode}
              loading={set.isPending}
              onChange={(on) =>
                change(
                  { enabled: on, voicePrices: mode?.voicePrices ?? false },
                  on ? t('已开启关怀模式') : t('已关闭关怀模式'),
                )
              }
            />
          }
        >
          {t('开启关怀模式')}
        </List.Item>
        {mode?.enabled && (
          <List.Item
            description={t('在商品和结算页显示“语音播报价格”按钮，点一下读出价格。')}
            extra={
              <Switch
                data-testid="care-voice-switch"
                aria-label={t('语音播报价格')}
                checked={mode.voicePrices}
                loading={set.isPending}
                onChange={(on) =>
                  change({ enabled: true, voicePrices: on }, on ? t('已开启语音播报') : t('已关闭语音播报'))
                }
              />
            }
          >
            {t('语音播报价格')}
          </List.Item>
        )}
      </List>
      {family.data && family.data.length > 0 && (
        <>
          <h3 className="care-family-title">{t('为家人开启')}</h3>
          <List>
            {family.data.map((b) => (
              <FamilyCareRow key={b.id} binding={b} />
            ))}
          </List>
        </>
      )}
    </section>
  );
}

/** One bound family member (亲情付): the server lets either side switch the other's 关怀模式. */
function FamilyCareRow({ binding }: { binding: Binding }) {
  const t = useT();
  const { query, update } = useFamilyCareMode(binding.id);
  const other = binding.role === 'child' ? binding.parent : binding.child;
  const mode = query.data;
  return (
    <List.Item
      description={binding.role === 'child' ? t('你绑定的长辈') : t('绑定你的家人')}
      extra={
        <Switch
          data-testid="family-care-switch"
          aria-label={t('为 {name} 开启关怀模式', { name: other.nickname })}
          checked={mode?.enabled ?? false}
          disabled={!mode}
          loading={update.isPending}
          onChange={(on) =>
            update.mutate(
              { enabled: on, voicePrices: mode?.voicePrices ?? false },
              {
                onSuccess: () =>
                  Toast.show({
                    icon: 'success',
                    content: on
                      ? t('已为 {name} 开启关怀模式', { name: other.nickname })
                      : t('已为 {name} 关闭关怀模式', { name: other.nickname }),
                  }),
              },
            )
          }
        />
      }
    >
      {other.nickname}
    </List.Item>
  );
}
