// English for the lifecycle pieces of the shop (营销消息 switch, 会员日 banner and card); spread into en.ts.
export const enLifecycle = {
  营销消息: 'Marketing messages',
  '接收优惠、会员日和召回等营销短信。关闭后不再收到任何营销短信，订单和安全通知不受影响。':
    'Offers, member-day and win-back texts. Turn off to receive no marketing texts at all; order and security notices still arrive.',
  已关闭营销消息: 'Marketing messages turned off',
  已开启营销消息: 'Marketing messages turned on',
  今天是会员日: 'Today is member day',
  '会员价低至 {n} 折': 'member prices down to {n}% of price',
  会员价: 'member prices',
  '购物积分 {n} 倍': '×{n} purchase points',
  '，': ', ',
  '{perks}，去看看我的会员权益': '{perks} — see your benefits',
  '会员日 · 每月 {day} 日': 'Member day · the {day}th of every month',
  '{tier}会员日价 {n} 折': '{tier} member-day price: {n}% of price',
  '（平日 {n} 折）': ' (everyday {n}%)',
  '当天付款的订单购物积分 {n} 倍': 'Orders paid that day earn ×{n} purchase points',
  活跃会员当天可收到会员日优惠券: 'Active members receive a member-day coupon that day',
  '下一个会员日：{date}': 'Next member day: {date}',
};
