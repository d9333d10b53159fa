// English for 鉴定 (authentication before shipping) on the order page and its transparency-log entries.
export const enAuthentication = {
  全额退款处理中: 'Full refund in progress',
  已原路全额退款: 'Refunded in full to your original payment',
  '平台鉴定中心 · 鉴定师': 'Platform authentication centre · inspector',
  '此商品需经平台鉴定中心鉴定：商家先寄往鉴定中心，鉴定通过后由鉴定中心转寄给你；未通过将全额退款。':
    'This item is checked by the platform’s authentication centre: the shop sends it there first and the centre forwards it to you once it passes; if it fails, you are refunded in full.',
  转寄运单: 'Forwarding waybill',
  退款: 'Refund',
  鉴定中: 'Being authenticated',
  鉴定人: 'Inspected by',
  鉴定时间: 'Inspected at',
  鉴定未通过: 'Failed authentication',
  鉴定编号: 'Certificate no.',
  鉴定说明: 'Findings',
  鉴定通过: 'Authenticated',
  结论: 'Verdict',
  说明: 'Findings',
  鉴定师: 'Inspector',
  鉴定结论: 'Authentication verdicts',
} as const;
