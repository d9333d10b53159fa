// English for the 公益商品 card of the product editor; spread into en.ts.
export const enCharity = {
  公益商品: 'Charity product',
  未设置: 'Not set',
  已设为公益商品: 'Now a charity product',
  已取消公益商品: 'No longer a charity product',
  公益设置加载失败: 'Could not load the charity settings',
  '每售出一件，从本单货款中捐赠固定金额给所选公益项目：记入公开的公益账本，买家获得捐赠证书；退款时按比例冲回。修改只影响之后的订单。':
    'For each item sold, a fixed amount of the sale goes to the chosen charity project: it is recorded on the public charity ledger and the buyer gets a donation certificate; refunds take back their share. Changes apply to later orders.',
  '「{project}」已结束募捐，之后的订单暂不捐赠，请改选其他项目':
    '"{project}" has closed: later orders donate nothing until you choose another project',
  '当前：每售出一件捐赠 {amount} 给「{project}」': 'Now: each item sold gives {amount} to "{project}"',
  请选择公益项目: 'Choose a charity project',
  选择进行中的公益项目: 'Choose an active charity project',
  暂无进行中的公益项目: 'No active charity projects',
  '每件捐赠金额（元）': 'Donation per item (¥)',
  '¥0.01 – ¥100，且不高于本商品最低售价 {price}': "¥0.01 – ¥100, and no more than the product's lowest price {price}",
  请填写每件捐赠金额: 'Enter the donation per item',
  '每件捐赠金额至少 ¥0.01': 'At least ¥0.01 per item',
  '每件捐赠金额最多 ¥100': 'At most ¥100 per item',
  保存公益设置: 'Save',
  设为公益商品: 'Make it a charity product',
  '取消公益商品？': 'Stop donating for this product?',
  '之后售出的商品不再捐赠；已捐赠的保留在公益账本上。':
    'Later sales donate nothing; past donations stay on the charity ledger.',
  取消公益商品: 'Stop donating',
} as const satisfies Record<string, string>;
