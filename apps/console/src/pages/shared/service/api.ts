import { useQuery } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from '../../../api/client.ts';

export type Desk = 'shop' | 'platform';
export type DeskOverview = GetOk<'/api/v1/service/desk'>;
export type DeskConversation = DeskOverview['mine'][number];
export type DeskMessage = GetOk<'/api/v1/service/desk/conversations/{id}'>['messages'][number];
export type CloseReason = BodyOf<'/api/v1/service/desk/conversations/{id}/close', 'post'>['reason'];

const conv = (id: string) => ({ params: { path: { id } } });
const deskQuery = (desk: Desk) => ({ params: { query: { desk } } });

export const serviceKeys = {
  desk: (desk: Desk) => ['service-desk', desk] as const,
  conversation: (id: string) => ['service-desk', 'conversation', id] as const,
  customer: (id: string) => ['service-desk', 'customer', id] as const,
  canned: (desk: Desk) => ['service-desk', desk, 'canned'] as const,
  metrics: (desk: Desk, days: number) => ['service-desk', desk, 'metrics', days] as const,
};

export const useDesk = (desk: Desk) =>
  useQuery({ queryKey: serviceKeys.desk(desk), queryFn: () => must(api.GET('/api/v1/service/desk', deskQuery(desk))) });

export const useDeskConversation = (id: string | undefined) =>
  useQuery({
    queryKey: serviceKeys.conversation(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/service/desk/conversations/{id}', conv(id!))),
    enabled: Boolean(id),
  });

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: serviceKeys.customer(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/service/desk/conversations/{id}/customer', conv(id!))),
    enabled: Boolean(id),
  });

export const useCanned = (desk: Desk) =>
  useQuery({
    queryKey: serviceKeys.canned(desk),
    queryFn: () => must(api.GET('/api/v1/service/desk/canned-replies', deskQuery(desk))),
  });

export const useServiceMetrics = (desk: Desk, days: number) =>
  useQuery({
    queryKey: serviceKeys.metrics(desk, days),
    queryFn: () => must(api.GET('/api/v1/service/desk/metrics', { params: { query: { desk, days } } })),
  });

export const setStatus = (desk: Desk, body: BodyOf<'/api/v1/service/desk/status', 'put'>) =>
  must(api.PUT('/api/v1/service/desk/status', { ...deskQuery(desk), body }));
export const claim = (id: string) => must(api.POST('/api/v1/service/desk/conversations/{id}/claim', conv(id)));
export const reply = (id: string, text: string) =>
  must(api.POST('/api/v1/service/desk/conversations/{id}/messages', { ...conv(id), body: { text } }));
export const markRead = (id: string, seq: number) =>
  must(api.POST('/api/v1/service/desk/conversations/{id}/read', { ...conv(id), body: { seq } }));
export const closeConversation = (id: string, reason: CloseReason) =>
  must(api.POST('/api/v1/service/desk/conversations/{id}/close', { ...conv(id), body: { reason } }));
export const transfer = (id: string, body: BodyOf<'/api/v1/service/desk/conversations/{id}/transfer', 'post'>) =>
  must(api.POST('/api/v1/service/desk/conversations/{id}/transfer', { ...conv(id), body }));
export const addNote = (id: string, text: string) =>
  must(api.POST('/api/v1/service/desk/conversations/{id}/notes', { ...conv(id), body: { text } }));
export const addCanned = (desk: Desk, body: { title: string; text: string }) =>
  must(api.POST('/api/v1/service/desk/canned-replies', { ...deskQuery(desk), body }));
export const messagesAfter = (id: string, afterSeq: number) =>
  must(
    api.GET('/api/v1/service/desk/conversations/{id}/messages', {
      params: { path: { id }, query: { afterSeq, limit: 100 } },
    }),
  );

export const STATUS_LABEL = { assistant: '智能助手', waiting: '排队中', active: '接待中', closed: '已结束' } as const;
export const CLOSE_REASONS = {
  resolved: '问题已解决',
  no_reply: '顾客无回应',
  duplicate: '重复咨询',
  other: '其他',
} as const;
export const HANDOVER_LABEL: Record<string, string> = {
  requested: '顾客要求转人工',
  low_confidence: '智能助手无法确定',
  negative_sentiment: '顾客情绪不满',
  compensation: '涉及赔付',
  unsupported: '智能助手未开启',
  escalated: '店铺转平台',
};
