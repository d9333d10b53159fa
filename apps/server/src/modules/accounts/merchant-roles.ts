// The merchant sub-account permission matrix (docs/SECURITY.md "Merchant roles"): a shop's people get the part of
// the shop their job needs. Every merchant route names one permission (modules/staff/merchant-permissions.test.ts
// walks them all against every role); the actor carries each membership's permissions, resolved here.
import {
  MERCHANT_PERMISSIONS,
  MERCHANT_ROLE_LABELS,
  MERCHANT_ROLES,
  type MerchantPermission,
  type MerchantRole,
  type Membership,
} from '../../platform/auth.ts';

interface MerchantRoleDef {
  /** What the job is, shown on 店铺员工. */
  duty: string;
  permissions: readonly MerchantPermission[];
}

const MERCHANT_ROLE_DEFS: Record<MerchantRole, MerchantRoleDef> = {
  owner: {
    duty: '全部权限，管理店铺员工',
    permissions: MERCHANT_PERMISSIONS,
  },
  manager: {
    duty: '日常经营：商品、订单与发货、售后、营销、直播、数据与资金查看，不能管理员工与开放平台密钥',
    // API keys and webhooks act for the whole shop without a person behind them: the owner's alone.
    permissions: MERCHANT_PERMISSIONS.filter((p) => p !== 'staff.manage' && p !== 'openplatform.manage'),
  },
  service: {
    duty: '查看订单、处理售后、客服工作台接待、回复评价、处理投诉、到店核销',
    permissions: [
      'shop.read',
      'orders.read',
      'aftersales.read',
      'aftersales.decide',
      'service.chat',
      'reviews.reply',
      'complaints.handle',
      'vouchers.redeem',
    ],
  },
  shipping: {
    duty: '查看订单、发货与运单、鉴定寄送、维护库存、供应商与采购入库、到店核销',
    permissions: [
      'shop.read',
      'orders.read',
      'orders.ship',
      'products.read',
      'stock.manage',
      'vouchers.redeem',
      'supply.manage',
    ],
  },
  finance: {
    duty: '资金结算与流水、保证金与处罚、查看订单',
    permissions: ['shop.read', 'orders.read', 'finance.read', 'finance.pay'],
  },
};

/** Stored `operator` is the pre-roles shop operator: it reads as 店长. */
export const merchantRoleOf = (stored: string): MerchantRole =>
  (MERCHANT_ROLES as readonly string[]).includes(stored) ? (stored as MerchantRole) : 'manager';

/** A membership as the actor carries it; seeds and tests use it to act as a shop's owner. */
export const merchantMembership = (merchantId: string, role: MerchantRole): Membership => ({
  merchantId,
  role,
  permissions: [...MERCHANT_ROLE_DEFS[role].permissions],
});

export const membershipOf = (row: { merchantId: string; role: string }): Membership => {
  return merchantMembership(row.merchantId, merchantRoleOf(row.role));
};

export function merchantRoleCatalogue() {
  return MERCHANT_ROLES.map((id) => ({
    id,
    label: MERCHANT_ROLE_LABELS[id],
    duty: MERCHANT_ROLE_DEFS[id].duty,
    permissions: [...MERCHANT_ROLE_DEFS[id].permissions],
  }));
}
