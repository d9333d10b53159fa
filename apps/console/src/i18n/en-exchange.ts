// English for exchanges (换货) in the merchant's and operator's after-sales pages.
export const enExchange = {
  换货: 'Exchange',
  待寄出换货: 'Replacement to send',
  换货已寄出: 'Replacement sent',
  换货完成: 'Exchange completed',
  '同意后立即从库存预留「{spec}」× {n}（无库存时无法同意，可拒绝并说明改为退款）；买家寄回后确认收货，再寄出换货。不涉及退款。':
    'Agreeing reserves “{spec}” × {n} from stock now (without stock you cannot agree: reject and offer a refund instead); confirm receipt once the buyer sends the item back, then send the replacement. No money moves.',
  '寄出「{spec}」× {n}，该库存已在同意换货时预留。': 'Send “{spec}” × {n}; the stock was reserved when you agreed.',
  寄出换货: 'Send replacement',
  已寄出换货: 'Replacement sent',
  '已确认收货，请寄出换货': 'Receipt confirmed: please send the replacement',
  已重新入库: 'Back in stock',
  '换成 {spec}': 'For {spec}',
  换成: 'Exchange for',
  换货物流: 'Replacement waybill',
  '有质量问题，未重新入库': 'Defective: not restocked',
  确认寄出: 'Send',
  '确认已收到买家寄回的「{spec}」× {n}？确认后请寄出换货。':
    'Confirm you received “{spec}” × {n} from the buyer? Then send the replacement.',
  退回商品: 'Returned item',
  '退回的商品有质量问题，不重新入库': 'The returned item is defective: do not restock it',
  '（库存已预留）': '(stock reserved)',
};
