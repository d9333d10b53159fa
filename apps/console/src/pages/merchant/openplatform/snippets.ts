// Code integrators copy from the developer page. Kept as plain text: it must run as printed, outside this console.

export const curlExample = (
  origin: string,
  keyId: string,
  path = '/api/v1/merchant/orders?limit=20',
) => `KEY_ID='${keyId}'
SECRET='hsk_…'                       # 创建或轮换密钥时显示的签名密钥
REQ_PATH='${path}'
BODY=''                              # GET 请求为空；POST/PATCH 为原样发送的 JSON
TS=$(date +%s)
NONCE=$(openssl rand -hex 16)
BODY_HASH=$(printf '%s' "$BODY" | openssl dgst -sha256 -hex | sed 's/^.* //')
SIG=$(printf 'GET\\n%s\\n%s\\n%s\\n%s' "$REQ_PATH" "$TS" "$NONCE" "$BODY_HASH" \\
  | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
curl -sS "${origin}$REQ_PATH" \\
  -H "X-Haowu-Key: $KEY_ID" -H "X-Haowu-Timestamp: $TS" \\
  -H "X-Haowu-Nonce: $NONCE" -H "X-Haowu-Signature: $SIG"`;

export const typescriptExample = (
  origin: string,
  keyId: string,
  example = `// 例：把订单发货
// await haowu('POST', '/api/v1/merchant/orders/ord_…/ship', { carrier: '顺丰速运', trackingNo: 'SF…' });`,
) => `import { createHash, createHmac, randomBytes } from 'node:crypto';

const KEY_ID = '${keyId}';
const SECRET = process.env.HAOWU_API_SECRET!; // hsk_…

/** 签名并发送一个开放平台请求（Node 18+）。 */
export async function haowu(method: string, path: string, body?: unknown) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const bodyHash = createHash('sha256').update(raw).digest('hex');
  const canonical = [method, path, timestamp, nonce, bodyHash].join('\\n');
  const signature = createHmac('sha256', SECRET).update(canonical).digest('hex');
  const res = await fetch('${origin}' + path, {
    method,
    headers: {
      'X-Haowu-Key': KEY_ID,
      'X-Haowu-Timestamp': timestamp,
      'X-Haowu-Nonce': nonce,
      'X-Haowu-Signature': signature,
      ...(raw ? { 'Content-Type': 'application/json' } : {}),
    },
    body: raw || undefined,
  });
  if (!res.ok) throw new Error(\`\${res.status} \${(await res.json()).title}\`); // RFC 9457 problem
  return res.json();
}

${example}`;

export const verifierExample = `import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * 校验好物 Webhook：X-Haowu-Signature: t=<Unix 秒>,v1=<hex>
 * v1 = HMAC-SHA256(whsec_… 密钥, "<t>.<原始请求体>")。须用未解析的原始请求体。
 */
export function verifyHaowuWebhook(secret: string, header: string, rawBody: string, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=') as [string, string]));
  const t = Number(parts.get('t'));
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false; // 过期或伪造的时间戳
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// 同一事件可能因重试或手动重推送达多次：按请求体中的 id 去重，并尽快返回 2xx（10 秒内）。`;
