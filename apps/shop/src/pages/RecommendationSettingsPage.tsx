import { Button, Dialog, List, Switch, Tag, Toast } from 'antd-mobile';
import { useInterestTags, useRecommendationSettings } from '../api/discovery.ts';
import { problemTitle } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import '../components/Recommendations.css';
import { useT } from '../i18n/index.tsx';

/** 推荐设置: the personalisation off-switch (算法推荐管理规定 第十七条) and the interest tags it uses. */
export default function RecommendationSettingsPage() {
  const t = useT();
  const { query: settings, update } = useRecommendationSettings();
  const { query: tags, remove } = useInterestTags();
  const on = settings.data?.personalised ?? true;

  return (
    <div className="page">
      <PageHeader title={t('推荐设置')} backTo="/me" />
      <section className="card">
        {settings.isError ? (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <List>
            <List.Item
              description={t(
                '开启时，我们根据你的购买、发布的笔记和关注的人为你推荐，并说明每条推荐的理由。关闭后只展示热门与新品，不再使用你的个人信息，立即生效。',
              )}
              extra={
                <Switch
                  data-testid="personalised-switch"
                  aria-label={t('个性化推荐')}
                  checked={on}
                  disabled={!settings.data}
                  loading={update.isPending}
                  onChange={(next) =>
                    update.mutate(next, {
                      onSuccess: () =>
                        Toast.show({
                          icon: 'success',
                          content: next ? t('已开启个性化推荐') : t('已关闭个性化推荐'),
                        }),
                      onError: (err) => Toast.show({ content: problemTitle(err) }),
                    })
                  }
                />
              }
            >
              {t('个性化推荐')}
            </List.Item>
          </List>
        )}
      </section>

      <section className="card" aria-labelledby="interest-tags-title">
        <h2 id="interest-tags-title" className="section-title">
          {t('我的兴趣标签')}
        </h2>
        <p className="muted">{t('根据你近期的购买和笔记得出，删除后不再用于推荐。')}</p>
        {tags.isPending ? (
          <ListSkeleton rows={2} />
        ) : tags.isError ? (
          <QueryError error={tags.error} onRetry={() => void tags.refetch()} />
        ) : tags.data.items.length === 0 ? (
          <EmptyState title={t('还没有兴趣标签')} description={t('购物或发布笔记后，这里会出现你常逛的类目')} />
        ) : (
          <ul className="interest-tags" data-testid="interest-tags">
            {tags.data.items.map((tag) => (
              <li key={tag.tag}>
                <Tag color="primary" fill="outline" round>
                  {tag.name}
                </Tag>
                <Button
                  size="mini"
                  fill="none"
                  aria-label={t('删除兴趣标签 {name}', { name: tag.name })}
                  data-testid="interest-tag-delete"
                  loading={remove.isPending && remove.variables === tag.tag}
                  onClick={() =>
                    void Dialog.confirm({
                      content: t('删除「{name}」后，不再按这个兴趣为你推荐。', { name: tag.name }),
                      confirmText: t('删除'),
                      onConfirm: () =>
                        remove.mutateAsync(tag.tag).then(
                          () => void Toast.show({ icon: 'success', content: t('已删除') }),
                          (err: unknown) => void Toast.show({ content: problemTitle(err) }),
                        ),
                    })
                  }
                >
                  {t('删除')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
