// English for the recommendation pieces of the shop (为你推荐, 为什么推荐, 推荐设置); spread into en.ts.
export const enDiscovery = {
  为你推荐: 'Recommended for you',
  猜你喜欢: 'You may like',
  你可能喜欢: 'You might like',
  买了又买: 'Also bought',
  看了又看: 'Also viewed',
  为什么推荐: 'Why this is recommended',
  '为什么推荐：{reason}': 'Why recommended: {reason}',
  '看看 @{name} 的主页': "See @{name}'s profile",
  查看相关商品: 'See the related product',
  '推荐理由由产生这条推荐的数据来源生成。你可以随时关闭个性化推荐或删除兴趣标签。':
    'The reason comes from the data source that produced this recommendation. You can turn personalisation off or delete interest tags at any time.',
  管理推荐设置: 'Manage recommendation settings',
  推荐设置: 'Recommendation settings',
  '个性化推荐已关闭，正在展示热门商品、笔记与直播':
    'Personalisation is off: showing popular products, posts and live rooms',
  暂时没有可推荐的内容: 'Nothing to recommend yet',
  '购物、关注创作者或发布笔记后，这里会更懂你': 'Shop, follow creators or post and this will learn what you like',
  '品牌合作：{brand}': 'Brand partnership: {brand}',
  去店铺看看: 'Visit the shop',
  笔记: 'Post',
  加载更多: 'Load more',
  '个性化推荐已关闭，正在展示热门与新品': 'Personalisation is off: showing popular and new items',
  暂时没有可推荐的商品: 'Nothing to recommend yet',
  '购物或发布笔记后，这里会更懂你': 'Shop or post and this will learn what you like',
  个性化推荐: 'Personalised recommendations',
  '开启时，我们根据你的购买、发布的笔记和关注的人为你推荐，并说明每条推荐的理由。关闭后只展示热门与新品，不再使用你的个人信息，立即生效。':
    'When on, we recommend from your purchases, your posts and the people you follow, and say why for each item. When off you see only popular and new items and your personal data is not used — effective immediately.',
  已开启个性化推荐: 'Personalised recommendations on',
  已关闭个性化推荐: 'Personalised recommendations off',
  我的兴趣标签: 'My interest tags',
  '根据你近期的购买和笔记得出，删除后不再用于推荐。':
    'Taken from your recent purchases and posts; a deleted tag is no longer used.',
  还没有兴趣标签: 'No interest tags yet',
  '购物或发布笔记后，这里会出现你常逛的类目': 'Categories you shop will appear here after you buy or post',
  '删除兴趣标签 {name}': 'Delete interest tag {name}',
  '删除「{name}」后，不再按这个兴趣为你推荐。': 'After deleting "{name}", it is no longer used to recommend to you.',
};
