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
} as const;
