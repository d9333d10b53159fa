import { useQuery } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { api, type GetOk, must } from '../../api/client.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';

type Source = GetOk<'/api/v1/merchant/insights/order-sources'>['items'][number];

const SOURCE_LABEL: Record<string, string> = {
  post: '笔记',
  live: '直播',
  community: '社群',
  share: '分享',
  affiliate: '推广',
  search: '搜索',
  direct: '直接访问',
};
const SOURCE_COLOR: Record<string, string> = {
  post: 'magenta',
  live: 'red',
  community: 'green',
  share: 'blue',
  affiliate: 'purple',
  search: 'gold',
};

/** Where a merchant's orders came from (attribution's stamps, named), fetched once for the lines on screen. */
export function useOrderSources(lineIds: string[]) {
  const ids = [...new Set(lineIds)].slice(0, 200);
  const q = useQuery({
    queryKey: ['merchant', 'order-sources', ids],
    enabled: ids.length > 0,
    queryFn: () =>
      must(api.GET('/api/v1/merchant/insights/order-sources', { params: { query: { lineIds: ids.join(',') } } })),
    staleTime: 60_000,
  });
  const byOrder = new Map<string, Source[]>();
  for (const s of q.data?.items ?? []) byOrder.set(s.orderId, [...(byOrder.get(s.orderId) ?? []), s]);
  return byOrder;
}

/** One tag per distinct source of the order: 笔记「…」, 直播「…」, 社群「…」, 分享 · 昵称. */
export function OrderSourceTags({ sources }: { sources: Source[] | undefined }) {
  const t = useT();
  if (!sources || sources.length === 0) return <span style={{ color: '#999' }}>—</span>;
  const distinct = [...new Map(sources.map((s) => [`${s.source}:${s.refId ?? ''}`, s])).values()];
  return (
    <>
      {distinct.map((s) => {
        const kind = t((SOURCE_LABEL[s.source] ?? s.source) as MessageKey);
        const text = s.label ? `${kind} · ${s.label}` : kind;
        return (
          <Tooltip key={`${s.source}:${s.refId ?? ''}`} title={s.refId ?? undefined}>
            <StatusTag color={SOURCE_COLOR[s.source] ?? 'default'} testId="order-source">
              <span className="order-source-text">{text}</span>
            </StatusTag>
          </Tooltip>
        );
      })}
    </>
  );
}
