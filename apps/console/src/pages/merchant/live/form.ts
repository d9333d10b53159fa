import type { Dayjs } from 'dayjs';
import type { LiveRole } from './types.ts';

export interface SessionFormValues {
  title: string;
  coverUrl?: string | null;
  scheduledAt?: Dayjs;
  /** Empty: the merchant staff member creating the session hosts it. */
  hostPhone?: string;
  products?: { productId?: string; claim?: string }[];
  roles?: { phone?: string; role?: LiveRole }[];
}

interface CreateSessionBody {
  title: string;
  coverUrl?: string;
  scheduledAt: string;
  products: { productId: string; claim?: string }[];
}

/** The session, then its 1 + N team (set with a second call, since roles are resolved by phone). */
export interface CreateSessionRequest {
  session: CreateSessionBody;
  roles: { phone: string; role: LiveRole }[];
}

export const PHONE = /^1[3-9]\d{9}$/;
export const MAX_PRODUCTS = 50;
/** Assistants one session may have besides the host (场控, 客服, 数据). */
export const ASSISTANT_ROLES: readonly LiveRole[] = ['controller', 'service', 'analyst'];

/** Rows (by index) whose value repeats an earlier row's: the second pick of a product or phone is the mistake. */
export function repeatedRows(values: readonly (string | undefined)[]): Set<number> {
  const seen = new Set<string>();
  const repeated = new Set<number>();
  values.forEach((v, i) => {
    if (!v) return;
    if (seen.has(v)) repeated.add(i);
    seen.add(v);
  });
  return repeated;
}

/** The form as the routes take it: trimmed text, empty rows dropped, the time as ISO, the host as a role. */
export function toCreateRequest(v: SessionFormValues): CreateSessionRequest {
  const claimOf = (c: string | undefined) => c?.trim() || undefined;
  const host = v.hostPhone?.trim();
  const assistants = (v.roles ?? [])
    .filter((r): r is { phone: string; role: LiveRole } => Boolean(r.phone?.trim() && r.role))
    .map((r) => ({ phone: r.phone.trim(), role: r.role }));
  return {
    session: {
      title: v.title.trim(),
      ...(v.coverUrl ? { coverUrl: v.coverUrl } : {}),
      scheduledAt: (v.scheduledAt ?? raise('scheduledAt')).toISOString(),
      products: (v.products ?? [])
        .filter((p): p is { productId: string; claim?: string } => Boolean(p.productId))
        .map((p) => {
          const claim = claimOf(p.claim);
          return claim ? { productId: p.productId, claim } : { productId: p.productId };
        }),
    },
    roles: [...(host ? [{ phone: host, role: 'host' as const }] : []), ...assistants],
  };
}

function raise(field: string): never {
  throw new Error(`${field} is required`);
}
