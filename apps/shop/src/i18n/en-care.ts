// English for 关怀模式 (elder mode); spread into en.ts.
export const enCare = {
  '自己付（{method}）': 'Pay myself ({method})',
  '请{name}付（亲情付）': 'Ask {name} to pay (family pay)',
  或: ' or ',
  提交并请家人付: 'Place order and ask family to pay',
  关怀模式: 'Care mode',
  开启关怀模式: 'Switch on care mode',
  '字更大、颜色更清楚、操作更简单。由家人为你开启，你也可以随时关闭。':
    'Larger text, clearer colours, simpler steps. A family member switched it on for you; you can switch it off any time.',
  '字更大、颜色更清楚、操作更简单。换手机登录也会保持。':
    'Larger text, clearer colours, simpler steps. It stays on when you sign in on another phone.',
  已开启关怀模式: 'Care mode is on',
  已关闭关怀模式: 'Care mode is off',
  语音播报价格: 'Read price aloud',
  '在商品和结算页显示“语音播报价格”按钮，点一下读出价格。':
    'Shows a “Read price aloud” button on product and checkout pages.',
  已开启语音播报: 'Reading prices aloud is on',
  已关闭语音播报: 'Reading prices aloud is off',
  为家人开启: 'For my family',
  你绑定的长辈: 'A parent you pay for',
  绑定你的家人: 'Family member who pays for you',
  '为 {name} 开启关怀模式': 'Care mode for {name}',
  '已为 {name} 开启关怀模式': 'Care mode switched on for {name}',
  '已为 {name} 关闭关怀模式': 'Care mode switched off for {name}',
  应付: 'To pay',
  立即支付: 'Pay now',
} as const satisfies Record<string, string>;
