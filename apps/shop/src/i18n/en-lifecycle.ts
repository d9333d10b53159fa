// English for the lifecycle pieces of the shop (营销消息 switch, 会员日 banner); spread into en.ts.
export const enLifecycle = {
  营销消息: 'Marketing messages',
  '接收优惠、会员日和召回等营销短信。关闭后不再收到任何营销短信，订单和安全通知不受影响。':
    'Offers, member-day and win-back texts. Turn off to receive no marketing texts at all; order and security notices still arrive.',
  已关闭营销消息: 'Marketing messages turned off',
  已开启营销消息: 'Marketing messages turned on',
  今天是会员日: 'Today is member day',
  '每月 {day} 日会员价叠加会员日券，去看看我的会员权益':
    'On the {day}th of every month member prices stack with a member-day coupon — see your benefits',
};
