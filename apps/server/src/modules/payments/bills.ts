import { yuanStringToFen } from '../../platform/money.ts';

/**
 * The providers' daily bill files, parsed into one shape. Formats as the providers publish them:
 * - Alipay 账务明细 (bill_type=signcustomer): a CSV in GBK, `#` header lines (账号, 起始日期…), a column header,
 *   the rows, then `#` footer lines with 收入合计 / 支出合计. Cells often end in a tab (kept from Excel export).
 * - WeChat Pay 交易账单 (tradebill, bill_type=ALL): UTF-8 CSV, every cell prefixed with a backtick, then the summary
 *   header (总交易单数, 应结订单总金额, 退款总金额 …) and one summary row.
 */

interface BillLine {
  kind: 'payment' | 'refund' | 'fee';
  /** Our payment id (the merchant order number the provider was given). */
  paymentId: string;
  /** Our refund id (商户退款单号) when the bill carries it (WeChat Pay); Alipay's 账务明细 does not. */
  refundId?: string;
  /** Fen, positive. */
  amount: number;
  providerTradeNo: string;
  at: string;
}

export interface ParsedBill {
  provider: 'alipay' | 'wechatpay';
  lines: BillLine[];
  /** The bill's own footer totals, in fen, to catch a truncated or edited file. */
  declared: { payments: number; refunds: number; count?: number };
  /** What the rows add up to. */
  counted: { payments: number; refunds: number; count: number };
}

const clean = (cell: string | undefined) => (cell ?? '').replace(/^`/, '').replace(/\t/g, '').trim();

function splitRow(line: string, width: number, freeColumn: number): string[] {
  const cells = line.split(',');
  // A product name with a comma in it: the extra cells belong to that free-text column.
  if (cells.length > width) {
    const extra = cells.length - width;
    cells.splice(freeColumn, extra + 1, cells.slice(freeColumn, freeColumn + extra + 1).join(','));
  }
  return cells.map(clean);
}

const yuanCell = (cell: string | undefined): number => (cell && cell !== '' ? yuanStringToFen(cell) : 0);

/** Alipay 账务明细 (GBK bytes, as downloaded). */
export function parseAlipayAccountBill(bytes: Uint8Array): ParsedBill {
  const text = new TextDecoder('gbk').decode(bytes);
  const rows = text.split(/\r?\n/);
  const headerAt = rows.findIndex((r) => !r.startsWith('#') && r.includes('账务流水号'));
  if (headerAt < 0) throw new Error('不是支付宝账务明细：找不到“账务流水号”表头');
  const header = rows[headerAt]!.split(',').map(clean);
  const col = (name: string) => {
    const i = header.findIndex((h) => h.startsWith(name));
    if (i < 0) throw new Error(`支付宝账务明细缺少列：${name}`);
    return i;
  };
  const c = {
    tradeNo: col('业务流水号'),
    orderNo: col('商户订单号'),
    name: col('商品名称'),
    at: col('发生时间'),
    income: col('收入金额'),
    expense: col('支出金额'),
    type: col('业务类型'),
  };
  const lines: BillLine[] = [];
  let count = 0;
  for (const raw of rows.slice(headerAt + 1)) {
    if (raw.startsWith('#')) break;
    if (raw.trim() === '') continue;
    const cells = splitRow(raw, header.length, c.name);
    count += 1;
    const type = cells[c.type] ?? '';
    const income = yuanCell(cells[c.income]);
    const expense = Math.abs(yuanCell(cells[c.expense]));
    const base = { paymentId: cells[c.orderNo] ?? '', providerTradeNo: cells[c.tradeNo] ?? '', at: cells[c.at] ?? '' };
    if (income > 0 && !type.includes('退款')) lines.push({ ...base, kind: 'payment', amount: income });
    else if (expense > 0 && type.includes('退款')) lines.push({ ...base, kind: 'refund', amount: expense });
    else if (expense > 0 && (type.includes('收费') || type.includes('服务费')))
      lines.push({ ...base, kind: 'fee', amount: expense });
  }
  const footer = (label: string) => {
    const m = new RegExp(`^#${label}：(\\d+)笔，共(-?[\\d.]+)元`).exec(
      rows.find((r) => r.startsWith(`#${label}`)) ?? '',
    );
    return m ? Math.abs(yuanStringToFen(m[2]!)) : 0;
  };
  const sum = (kind: BillLine['kind']) => lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.amount, 0);
  return {
    provider: 'alipay',
    lines,
    // 收入合计 covers every income row; 支出合计 every expense (refunds and fees).
    declared: { payments: footer('收入合计'), refunds: footer('支出合计') },
    counted: { payments: sum('payment'), refunds: sum('refund') + sum('fee'), count },
  };
}

/** WeChat Pay 交易账单, bill_type=ALL (UTF-8 text, as downloaded from tradebill's download_url). */
export function parseWechatTradeBill(text: string): ParsedBill {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (rows[0] ?? '').split(',').map(clean);
  if (header[0] !== '交易时间') throw new Error('不是微信支付交易账单：第一行应为以“交易时间”开头的表头');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`微信支付交易账单缺少列：${name}`);
    return i;
  };
  const c = {
    at: col('交易时间'),
    transactionId: col('微信订单号'),
    orderNo: col('商户订单号'),
    state: col('交易状态'),
    refundNo: col('商户退款单号'),
    refundAmount: col('退款金额'),
    name: col('商品名称'),
    fee: col('手续费'),
    total: col('订单金额'),
  };
  const lines: BillLine[] = [];
  let count = 0;
  let i = 1;
  for (; i < rows.length; i++) {
    const raw = rows[i]!;
    if (raw.startsWith('总交易单数')) break;
    if (raw.trim() === '') continue;
    // Every cell starts with a backtick, so splitting on ",`" keeps commas inside a product name.
    const cells = raw.split(',`').map(clean);
    count += 1;
    const base = {
      paymentId: cells[c.orderNo] ?? '',
      providerTradeNo: cells[c.transactionId] ?? '',
      at: cells[c.at] ?? '',
    };
    if (cells[c.state] === 'SUCCESS') lines.push({ ...base, kind: 'payment', amount: yuanCell(cells[c.total]) });
    else if (cells[c.state] === 'REFUND')
      lines.push({
        ...base,
        kind: 'refund',
        refundId: cells[c.refundNo] ?? '',
        amount: yuanCell(cells[c.refundAmount]),
      });
  }
  const sumHeader = (rows[i] ?? '').split(',').map(clean);
  const sumRow = (rows[i + 1] ?? '').split(',').map(clean);
  const total = (name: string) => {
    const at = sumHeader.indexOf(name);
    return at < 0 ? 0 : yuanCell(sumRow[at]);
  };
  const sum = (kind: BillLine['kind']) => lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.amount, 0);
  const declaredCount = Number(sumRow[sumHeader.indexOf('总交易单数')] ?? NaN);
  return {
    provider: 'wechatpay',
    lines,
    declared: {
      payments: total('订单总金额'),
      refunds: total('退款总金额'),
      ...(Number.isFinite(declaredCount) ? { count: declaredCount } : {}),
    },
    counted: { payments: sum('payment'), refunds: sum('refund'), count },
  };
}
