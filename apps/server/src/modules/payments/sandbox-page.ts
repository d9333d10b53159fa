import { formatYuan } from '../../platform/money.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Only the app's own pages are followed after paying, so the cashier cannot bounce buyers elsewhere. The URL is
 * parsed the way the browser will parse it (WHATWG URL, relative to the app's origin: tabs and newlines dropped,
 * backslashes read as slashes) and its origin compared; the page is given the absolute result, never the raw text,
 * so nothing is left for the browser to reinterpret (`/\t/evil.test` would otherwise be `//evil.test`).
 */
export function safeReturnUrl(url: string | undefined, appOrigin: string | undefined): string | null {
  if (!url || !appOrigin) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, appOrigin);
  } catch {
    return null;
  }
  return parsed.origin === appOrigin ? parsed.href : null;
}

/**
 * The sandbox cashier: one self-contained page (no external assets) with the amount and two buttons.
 * The buttons POST to the same URL; the server signs a callback as a real gateway would.
 */
export function sandboxPayPage(input: {
  paymentId: string;
  amount: number;
  status: string;
  returnUrl: string | null;
}): string {
  const pending = input.status === 'pending';
  const statusText: Record<string, string> = {
    succeeded: '已支付',
    failed: '支付未完成',
    duplicate: '重复支付，已原路退回',
  };
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>好物收银台（沙箱）</title>
<style>
  *{box-sizing:border-box}
  body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222}
  main{max-width:480px;margin:0 auto;padding:24px 16px calc(24px + env(safe-area-inset-bottom))}
  .card{background:#fff;border-radius:12px;padding:28px 20px;text-align:center;box-shadow:0 1px 3px rgba(0,0,0,.06)}
  .tag{display:inline-block;font-size:12px;color:#fa541c;border:1px solid #fa541c;border-radius:4px;padding:1px 6px;margin-bottom:12px}
  .label{color:#888;font-size:14px}
  .amount{font-size:40px;font-weight:600;margin:8px 0 4px}
  .id{color:#aaa;font-size:12px;word-break:break-all}
  button{display:block;width:100%;border:0;border-radius:24px;font-size:17px;padding:14px;margin-top:16px;cursor:pointer}
  .pay{background:#fa541c;color:#fff}
  .fail{background:#fff;color:#555;border:1px solid #ddd}
  button:disabled{opacity:.5}
  #result{margin-top:20px;font-size:16px;min-height:24px}
  a{color:#fa541c}
</style>
</head>
<body>
<main>
  <div class="card">
    <span class="tag">沙箱环境 · 不会真实扣款</span>
    <div class="label">支付金额</div>
    <div class="amount">${escapeHtml(formatYuan(input.amount))}</div>
    <div class="id">支付单号 ${escapeHtml(input.paymentId)}</div>
    ${
      pending
        ? `<button class="pay" data-outcome="succeeded">确认支付</button>
    <button class="fail" data-outcome="failed">模拟失败</button>`
        : `<p>${escapeHtml(statusText[input.status] ?? input.status)}</p>`
    }
    <div id="result" role="status"></div>
    ${input.returnUrl ? `<p><a href="${escapeHtml(input.returnUrl)}">返回商城</a></p>` : ''}
  </div>
</main>
<script>
  const returnUrl = ${JSON.stringify(input.returnUrl).replace(/</g, '\\u003c')};
  const result = document.getElementById('result');
  for (const button of document.querySelectorAll('button[data-outcome]')) {
    button.addEventListener('click', async () => {
      document.querySelectorAll('button').forEach((b) => (b.disabled = true));
      result.textContent = '处理中…';
      try {
        const res = await fetch(location.pathname, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ outcome: button.dataset.outcome }),
        });
        const body = await res.json();
        if (!res.ok) throw new Error(body.detail || body.title || '支付失败');
        result.textContent = body.status === 'succeeded' ? '支付成功' : body.status === 'failed' ? '支付未完成，可返回重新支付' : '已处理';
        if (returnUrl) setTimeout(() => location.assign(returnUrl), 800);
      } catch (err) {
        result.textContent = err.message;
        document.querySelectorAll('button').forEach((b) => (b.disabled = false));
      }
    });
  }
</script>
</body>
</html>`;
}
