import { useQuery } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from './client.ts';

export type ServiceConversation = GetOk<'/api/v1/service/conversations/{id}'>['conversation'];
export type ServiceMessage = GetOk<'/api/v1/service/conversations/{id}'>['messages'][number];
export type OpenServiceInput = BodyOf<'/api/v1/service/conversations', 'post'>;
type SendInput = BodyOf<'/api/v1/service/conversations/{id}/messages', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });
export const serviceKeys = { conversation: (id: string) => ['service', 'conversation', id] as const };

/** 联系客服: opens (or reopens) the conversation with the page's shop, or the platform from 我的. */
export const openServiceConversation = (body: OpenServiceInput) =>
  must(api.POST('/api/v1/service/conversations', { body }));

export function useServiceConversation(id: string) {
  return useQuery({
    queryKey: serviceKeys.conversation(id),
    queryFn: () => must(api.GET('/api/v1/service/conversations/{id}', path(id))),
  });
}

/** Everything after `afterSeq`: what a reconnecting page missed. */
export const fetchMessagesAfter = (id: string, afterSeq: number) =>
  must(
    api.GET('/api/v1/service/conversations/{id}/messages', {
      params: { path: { id }, query: { afterSeq, limit: 100 } },
    }),
  );

export const fetchMessagesBefore = (id: string, beforeSeq: number) =>
  must(
    api.GET('/api/v1/service/conversations/{id}/messages', {
      params: { path: { id }, query: { beforeSeq, limit: 30 } },
    }),
  );

export const sendServiceMessage = (id: string, body: SendInput) =>
  must(api.POST('/api/v1/service/conversations/{id}/messages', { ...path(id), body }));

export const markServiceRead = (id: string, seq: number) =>
  must(api.POST('/api/v1/service/conversations/{id}/read', { ...path(id), body: { seq } }));

export const closeServiceConversation = (id: string) =>
  must(api.POST('/api/v1/service/conversations/{id}/close', path(id)));

export const rateServiceConversation = (id: string, score: number, comment: string) =>
  must(
    api.POST('/api/v1/service/conversations/{id}/rating', {
      ...path(id),
      body: { score, ...(comment ? { comment } : {}) },
    }),
  );
