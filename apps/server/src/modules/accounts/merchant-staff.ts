// A shop's sub-accounts as the accounts module keeps them (merchant_staff). Who may change them, and the audit of
// it, is the staff module's (staff/merchant-members.ts).
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { MerchantRole } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { merchantRoleOf } from './merchant-roles.ts';
import { merchantStaff, users } from './schema.ts';
import { forgetCachedActors } from './service.ts';

export interface MerchantStaffAccount {
  userId: string;
  phone: string;
  nickname: string;
  role: MerchantRole;
  since: Date;
}

/** A shop's people, owner first, then by when they joined. */
export async function listMerchantStaff(
  deps: Pick<Deps, 'fieldCrypto'>,
  db: Db,
  merchantId: string,
): Promise<MerchantStaffAccount[]> {
  const rows = await db
    .select({
      userId: users.id,
      phone: users.phone,
      nickname: users.nickname,
      role: merchantStaff.role,
      since: merchantStaff.createdAt,
    })
    .from(merchantStaff)
    .innerJoin(users, eq(users.id, merchantStaff.userId))
    .where(eq(merchantStaff.merchantId, merchantId))
    .orderBy(merchantStaff.createdAt, users.id);
  const accounts = rows.map((r) => ({ ...r, phone: deps.fieldCrypto.open(r.phone), role: merchantRoleOf(r.role) }));
  return [...accounts.filter((a) => a.role === 'owner'), ...accounts.filter((a) => a.role !== 'owner')];
}

/** The user's role in this shop, locked for the change that follows; undefined when they do not work there. */
export async function merchantRoleOfUser(
  db: Db,
  userId: string,
  merchantId: string,
): Promise<MerchantRole | undefined> {
  const [row] = await db
    .select({ role: merchantStaff.role })
    .from(merchantStaff)
    .where(and(eq(merchantStaff.userId, userId), eq(merchantStaff.merchantId, merchantId)))
    .for('update');
  return row ? merchantRoleOf(row.role) : undefined;
}

/** Sets (or adds) a user's role in a shop; their next request acts under it. */
export async function setMerchantRole(
  deps: Deps,
  db: Db,
  input: { userId: string; merchantId: string; role: MerchantRole; now: Date },
): Promise<void> {
  await db
    .insert(merchantStaff)
    .values({ userId: input.userId, merchantId: input.merchantId, role: input.role, createdAt: input.now })
    .onConflictDoUpdate({ target: [merchantStaff.userId, merchantStaff.merchantId], set: { role: input.role } });
  forgetCachedActors(deps, input.userId);
}

export async function removeMerchantStaff(deps: Deps, db: Db, userId: string, merchantId: string): Promise<void> {
  await db.delete(merchantStaff).where(and(eq(merchantStaff.userId, userId), eq(merchantStaff.merchantId, merchantId)));
  forgetCachedActors(deps, userId);
}
