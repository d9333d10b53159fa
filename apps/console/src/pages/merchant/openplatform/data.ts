import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';

export type ApiKey = GetOk<'/api/v1/merchant/open-platform/keys'>['items'][number];
export type WebhookEndpoint = GetOk<'/api/v1/merchant/open-platform/webhooks'>['items'][number];
export type Delivery = GetOk<'/api/v1/merchant/open-platform/webhooks/{id}/deliveries'>['items'][number];
export type DeveloperDocs = GetOk<'/api/v1/merchant/open-platform/docs'>;

export const openPlatformKey = (merchantId: string, ...rest: string[]) => [
  'merchant',
  merchantId,
  'open-platform',
  ...rest,
];

/** Scopes, event types and signing parameters as the server defines them (one source for forms and the docs tab). */
export function useDeveloperDocs() {
  const merchantId = useMerchantId();
  return useQuery({
    queryKey: openPlatformKey(merchantId, 'docs'),
    queryFn: () => must(api.GET('/api/v1/merchant/open-platform/docs')),
    staleTime: 10 * 60_000,
  });
}
