// English for 鉴定 (authentication before shipping): the 鉴定中心 queue and the merchant's order page.
export const enAuthentication = {
  '{n} 小时': '{n} h',
  '不通过：全额退款并退回商家': 'Fail: refund in full and return to the merchant',
  入库运单: 'Inbound waybill',
  '写入透明度日志，任何人可查：只写商品本身，勿写买家或商家的个人信息':
    'Goes into the public transparency log: describe the item only, never the buyer or anyone at the merchant',
  商家尚未寄出: 'Not sent by the merchant yet',
  '商家登记寄往鉴定中心的运单、商品到达后才能出具结论':
    'A verdict can be given once the merchant has recorded the waybill to the centre and the goods arrived',
  寄往鉴定中心: 'Send to the authentication centre',
  尚未寄出: 'Not sent yet',
  已出结论: 'Decided',
  已登记寄往鉴定中心的运单: 'Waybill to the authentication centre recorded',
  待鉴定: 'Waiting',
  提交结论: 'Submit verdict',
  没有待鉴定的订单: 'No orders waiting for authentication',
  '请寄往平台鉴定中心，不要直接发给买家': 'Send to the platform’s authentication centre, not to the buyer',
  转寄买家: 'Forwarded to the buyer',
  转寄买家的快递: 'Carrier to the buyer',
  还没有鉴定结论: 'No verdicts yet',
  退回商家的快递: 'Carrier back to the merchant',
  退回本店: 'Returned to this shop',
  透明度日志: 'Transparency log',
  '通过：签发证书并转寄买家': 'Pass: issue the certificate and forward to the buyer',
  鉴定: 'Authentication',
  鉴定中心: 'Authentication centre',
  鉴定时间: 'Decided at',
  '鉴定未通过，已原路全额退款': 'Failed: refunded in full to the original payment',
  鉴定编号: 'Certificate no.',
  鉴定说明: 'Findings',
  '鉴定说明至少 4 个字': 'Findings need at least 4 characters',
  '鉴定说明（公开）': 'Findings (public)',
  '鉴定通过后由鉴定中心转寄买家；未通过则全额退款给买家，商品退回本店。':
    'If it passes, the centre forwards it to the buyer; if not, the buyer is refunded in full and the item comes back to you.',
  '鉴定通过，证书已写入透明度日志': 'Passed: the certificate is in the transparency log',
  需先寄往鉴定中心: 'Authenticate first',
  '需先寄往鉴定中心：鉴定通过后由鉴定中心转寄买家，不能直接发给买家':
    'Send to the authentication centre first: it forwards the item to the buyer once it passes; it cannot ship straight to the buyer',
  '需鉴定的订单由商家寄到鉴定中心：通过则签发证书并转寄买家，未通过则原路全额退款、商品退回商家。结论写入透明度日志，公开可查。':
    'Merchants send orders that need authentication to the centre: a pass issues a certificate and forwards the item to the buyer; a fail refunds the buyer in full and returns the item. Every verdict is in the public transparency log.',
  '鉴定中心：出具鉴定结论': 'Authentication centre: give verdicts',
} as const;
