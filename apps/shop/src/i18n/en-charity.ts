// English for the charity-product parts of the shop (product badge, certificates, the money side of 公益账本); spread into en.ts.
export const enCharity = {
  公益: 'Charity',
  '每售出一件捐赠 ¥{amount} 给「{project}」': 'Each item sold gives ¥{amount} to "{project}"',
  捐赠证书: 'Donation certificate',
  '向「{project}」捐赠 ¥{amount}': 'Donated ¥{amount} to "{project}"',
  查看: 'View',
  '已全额退款，证书作废': 'fully refunded, certificate void',
  '部分退款，已冲回 ¥{amount}': 'partly refunded, ¥{amount} taken back',
  证书编号: 'Certificate no.',
  '{donor}：感谢你购买「{product}」×{qty}，商家按每件 ¥{per} 代你向「{project}」捐赠：':
    '{donor}: thank you for buying "{product}" ×{qty}. For each item the shop gave ¥{per} on your behalf to "{project}":',
  '订单已全额退款，本证书作废': 'The order was fully refunded; this certificate is void',
  公益项目: 'Project',
  执行机构: 'Organisation',
  捐赠时间: 'Donated on',
  '捐赠记入公开的公益账本，可在项目的公益账本中查看（昵称脱敏）。':
    "The donation is on the project's public ledger (names masked).",
  积分募集: 'Points raised',
  公益商品募集: 'Raised by charity products',
  购买人数: 'Buyers',
  '金额均取自账本；公益商品的捐赠由商家从货款中支付，退款时按比例冲回。':
    'All figures come from the ledger. Charity-product donations are paid by the shop out of the sale and taken back in proportion on refunds.',
  积分捐赠: 'Points',
  公益商品: 'Charity products',
  还没有公益商品捐赠: 'No charity-product donations yet',
  '「{product}」×{qty}': '"{product}" ×{qty}',
  '退款冲回 ¥{amount}': '¥{amount} taken back (refund)',
  '公益商品已募 ¥{amount}（{n} 笔）': 'Charity products raised ¥{amount} ({n} donations)',
} as const satisfies Record<string, string>;
