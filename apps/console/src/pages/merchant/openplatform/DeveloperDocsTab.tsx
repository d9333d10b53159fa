import { Alert, Card, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { problemTitle } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { type DeveloperDocs, useDeveloperDocs } from './data.ts';
import { curlExample, typescriptExample, verifierExample } from './snippets.ts';

type Endpoint = DeveloperDocs['scopes'][number]['endpoints'][number];
const METHOD_COLOR: Record<string, string> = {
  GET: 'blue',
  POST: 'green',
  PATCH: 'orange',
  PUT: 'orange',
  DELETE: 'red',
};

export function Code({ text, label }: { text: string; label: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Paragraph copyable={{ text }} style={{ marginBottom: 0 }}>
        <pre className="code-block">{text}</pre>
      </Typography.Paragraph>
    </Space>
  );
}

/** One scope and the endpoints it opens (merchant and platform developer pages). */
export function ScopeEndpoints({
  scope,
  label,
  endpoints,
  extra,
}: {
  scope: string;
  label: string;
  endpoints: Endpoint[];
  extra?: ReactNode;
}) {
  const t = useT();
  return (
    <div data-testid="docs-scope">
      <Typography.Text code strong>
        {scope}
      </Typography.Text>{' '}
      <Typography.Text>{label}</Typography.Text> {extra}
      <Table<Endpoint>
        size="small"
        style={{ marginTop: 4 }}
        pagination={false}
        rowKey={(e) => `${e.method} ${e.path}`}
        dataSource={endpoints}
        columns={[
          {
            title: t('方法'),
            key: 'method',
            width: 90,
            render: (_, e) => <Tag color={METHOD_COLOR[e.method]}>{e.method}</Tag>,
          },
          { title: t('路径'), key: 'path', render: (_, e) => <Typography.Text code>{e.path}</Typography.Text> },
          { title: t('说明'), dataIndex: 'summary' },
        ]}
      />
    </div>
  );
}

/** How to sign a request: the same for merchant and platform keys. */
export function SigningCard({ headers, windowSeconds }: { headers: string[]; windowSeconds: number }) {
  const t = useT();
  return (
    <Card size="small" title={t('请求签名')}>
      <Typography.Paragraph>
        {t('每个请求带四个头：{headers}。签名是 HMAC-SHA256(签名密钥, 规范串) 的十六进制，规范串为：', {
          headers: headers.join('、'),
        })}
      </Typography.Paragraph>
      <pre className="code-block">
        {'METHOD\\n/路径?查询串\\nUnix 秒时间戳\\nnonce\\nhex(sha256(请求体))'.replaceAll('\\n', '\n')}
      </pre>
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        {t(
          '时间戳与服务器相差不得超过 {m} 分钟；每个 nonce 只能用一次（防重放）。超出权限范围的接口返回 403，错误均为 RFC 9457 problem+json。',
          {
            m: windowSeconds / 60,
          },
        )}
      </Typography.Paragraph>
    </Card>
  );
}

export function DeveloperDocsTab() {
  const t = useT();
  const docs = useDeveloperDocs();
  if (docs.isPending) return <Skeleton active />;
  if (docs.isError) return <Alert type="error" showIcon title={problemTitle(docs.error)} />;
  const origin = window.location.origin;
  const d = docs.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="developer-docs">
      <SigningCard headers={d.signing.headers} windowSeconds={d.signing.windowSeconds} />
      <Card size="small" title={t('各权限范围可调用的接口')}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {d.scopes.map((s) => (
            <ScopeEndpoints key={s.scope} scope={s.scope} label={s.label} endpoints={s.endpoints} />
          ))}
        </Space>
      </Card>
      <Card size="small" title={t('调用示例')}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Code label="curl" text={curlExample(origin, 'hk_…')} />
          <Code label="TypeScript (Node.js)" text={typescriptExample(origin, 'hk_…')} />
        </Space>
      </Card>
      <Card size="small" title={t('Webhook 事件与签名校验')}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            {d.events.map((e) => (
              <Tag key={e.type}>
                {e.type} · {e.label}
              </Tag>
            ))}
          </Space>
          <Typography.Text>
            {t(
              '推送失败（非 2xx、超时）按 {schedule} 后重试；连续失败 {n} 次且持续超过 {h} 小时自动停用并短信通知创建人。',
              {
                schedule: d.signing.retryAfterSeconds.map(humanSeconds).join('、'),
                n: d.signing.disableAfterFailures,
                h: d.signing.disableAfterHours,
              },
            )}
          </Typography.Text>
          <Code label={t('签名校验（TypeScript）')} text={verifierExample} />
        </Space>
      </Card>
    </Space>
  );
}

function humanSeconds(s: number): string {
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${s / 60}min`;
  return `${s / 3600}h`;
}
