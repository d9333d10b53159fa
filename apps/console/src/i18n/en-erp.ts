// English for SKU weights and codes in the product editor, and the merchant's data import/export page.
export const enErp = {
  '重量（克）': 'Weight (g)',
  '第 {n} 行重量（克）': 'Row {n} weight (g)',
  按重量计运费时必填: 'Needed for weight-based shipping',
  商家编码: 'SKU code',
  '第 {n} 行商家编码': 'Row {n} SKU code',
  '如 CREAM-50': 'e.g. CREAM-50',
  保存后可填: 'After saving',
  '重量须为不小于 0 的整数（克）': 'Weight must be a whole number of grams, 0 or more',
  '商家编码为 1–40 位字母、数字或 - _ .，以字母或数字开头':
    'SKU codes are 1–40 letters, digits or - _ ., starting with a letter or digit',
  数据导入导出: 'Import & export',
  '与 ERP、仓储系统交换数据：导出商品与库存表，修改后导入（先试导入，核对无误再确认）；按下单时间和状态导出订单。API 密钥可用同样的接口（stock:write、orders:read）。':
    'Exchange data with your ERP or warehouse: export products and stock, edit, import back (dry run first, then confirm); export orders by date and status. API keys use the same endpoints (stock:write, orders:read).',
  导出商品与库存: 'Export products & stock',
  '导出 Excel': 'Export Excel',
  '导出 CSV': 'Export CSV',
  '每个 SKU 一行：商品ID、商品标题、SKU ID、商家编码、规格、售价（元）、库存、重量（克）、启用':
    'One row per SKU: product ID, title, SKU ID, SKU code, spec, price (¥), stock, weight (g), enabled',
  导入商品与库存: 'Import products & stock',
  选择文件并试导入: 'Choose a file (dry run)',
  '按 SKU ID 或商家编码匹配；留空的单元格不修改；库存为修改后的实际数量，记入库存流水。':
    'Matched by SKU ID or SKU code; empty cells change nothing; stock is the new absolute quantity, journaled.',
  '共 {rows} 行，{n} 处错误，改正后重新选择文件；整份文件未导入':
    '{rows} rows, {n} problems: fix them and choose the file again; nothing was imported',
  '共 {rows} 行：{c} 个 SKU 将被修改，{u} 个不变': '{rows} rows: {c} SKUs will change, {u} unchanged',
  行: 'Row',
  列: 'Column',
  整行: 'Whole row',
  问题: 'Problem',
  '文件与现有数据相同，没有需要修改的内容': 'The file matches the shop: nothing to change',
  SKU: 'SKU',
  修改: 'Change',
  确认导入: 'Import',
  '已导入 {n} 个 SKU 的修改': 'Imported changes to {n} SKUs',
  导出订单: 'Export orders',
  已送达: 'Delivered',
  下单日期: 'Order dates',
  全部状态: 'All statuses',
  '每个订单行一行，收货人和手机号脱敏，最多 5000 单':
    'One row per order line; names and phones masked; up to 5000 orders',
} as const;
