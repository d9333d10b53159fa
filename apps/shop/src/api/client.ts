import { ApiError, createApiClient, must } from '@haowu/api-types';

export { ApiError, must };
export {
  type BodyOf,
  type GetOk,
  isApiStatus,
  isProblemType,
  newIdempotencyKey,
  type PostOk,
  problemTitle,
  type QueryOf,
} from '@haowu/web-kit/api';

/** The one typed client every page fetches through; the session travels as an HttpOnly cookie. */
export const api = createApiClient();
