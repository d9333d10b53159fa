// The keyword baseline: the first rule whose words appear decides the intent, the way a simple FAQ bot routes.
// It uses the assistant's own tools (answerAs), so the comparison measures understanding only.
const RULES: [RegExp, string][] = [
  [/人工|真人/, 'handover'],
  [/赔/, 'compensation'],
  [/投诉|垃圾|骗/, 'complaint'],
  [/发票/, 'invoice'],
  [/积分/, 'points'],
  [/券/, 'coupon'],
  [/地址/, 'change_address'],
  [/取消/, 'cancel_order'],
  [/退款.*(到|进度)|售后.*(进度|状态)/, 'aftersale_status'],
  [/我要退|申请/, 'start_aftersale'],
  [/退|换货/, 'return_policy'],
  [/物流|快递|发货|到哪|订单/, 'order_status'],
  [/运费|包邮|付款|支付/, 'policy'],
  [/材质|面料|保质期|产地|颜色|尺码|多少钱|有货/, 'product_fact'],
  [/你好|在吗|谢谢/, 'greeting'],
];

export function keywordIntent(text: string): string {
  return RULES.find(([re]) => re.test(text))?.[1] ?? 'unknown';
}
