import { ApiError, createApiClient, must } from '@haowu/api-types';
import type { GetOk } from '@haowu/web-kit/api';

export { ApiError, must };
export {
  type BodyOf,
  type GetOk,
  isApiStatus,
  newIdempotencyKey,
  problemTitle,
  type QueryOf,
} from '@haowu/web-kit/api';

const MERCHANT_KEY = 'haowu.console.merchantId';

// Staff of several merchants pick one; every merchant-scoped request carries it as X-Merchant-Id.
let actingMerchantId: string | undefined = readStoredMerchant();

function readStoredMerchant(): string | undefined {
  try {
    return localStorage.getItem(MERCHANT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setActingMerchant(id: string | undefined): void {
  actingMerchantId = id;
  try {
    if (id) localStorage.setItem(MERCHANT_KEY, id);
    else localStorage.removeItem(MERCHANT_KEY);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

export const getActingMerchant = (): string | undefined => actingMerchantId;

export const api = createApiClient({ merchantId: () => actingMerchantId });

export type Me = GetOk<'/api/v1/me'>;
