// English for the traceability scan page (扫码溯源).
export const enTrace = {
  商品溯源: 'Product trace',
  该批次还没有溯源记录: 'No trace records for this batch yet',
  溯源码: 'Trace code',
  批次号: 'Batch',
  生产日期: 'Produced on',
  有效期至: 'Best before',
  生产方: 'Producer',
  产地: 'Origin',
  工厂直供: 'Factory-direct',
  合格数量: 'Passed',
  不合格数量: 'Rejected',
  仓库: 'Warehouse',
  所在省份: 'Province',
  是: 'Yes',
  否: 'No',
  '正在核验…': 'Checking…',
  溯源记录: 'Trace records',
  '已验证：日志第 {n} 条，包含证明与签名有效': 'Verified: log entry #{n}, inclusion proof and signature valid',
  '每条记录都写入只能追加的公开日志，核验在你的浏览器里完成。':
    'Every record is in an append-only public log; the checks run in your browser.',
  查看日志原文: 'See the log entries',
} as const;
