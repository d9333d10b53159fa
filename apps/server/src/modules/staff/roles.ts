// The platform staff permission matrix (docs/SECURITY.md "Staff roles"): least privilege instead of one
// all-powerful operator. Every staff route names one permission (a test walks the registered routes); a role is the
// set of permissions a job needs and no more.
import {
  PLATFORM_ROLES,
  STAFF_PERMISSIONS,
  type PlatformRole,
  type Role,
  type StaffGrants,
  type StaffPermission,
} from '../../platform/auth.ts';

interface RoleDef {
  label: string;
  /** What the job is, shown on 员工与角色. */
  duty: string;
  permissions: readonly StaffPermission[];
  /** Roles that read personal data or move money: their permissions wait until the session passed TOTP. */
  secondFactor: boolean;
}

export const ROLES: Record<PlatformRole, RoleDef> = {
  super_admin: {
    label: '超级管理员',
    duty: '全部权限，管理员工与角色',
    permissions: STAFF_PERMISSIONS,
    // Not forced so the demo operator and existing deployments keep working; enrolment is offered on first visit.
    secondFactor: false,
  },
  ops: {
    label: '运营',
    duty: '营销活动、优惠券、积分商城、搜索词与数据看板，按手机号查询用户，为 BI 等系统开平台 API 密钥（仅限自己有的权限）',
    permissions: ['marketing.manage', 'insights.read', 'orders.read', 'users.read', 'openplatform.manage'],
    secondFactor: false,
  },
  support: {
    label: '客服',
    duty: '查看订单、按手机号查询用户、处理升级的售后，必要时说明理由查看完整手机号',
    permissions: ['orders.read', 'users.read', 'aftersales.decide', 'personal.unmask'],
    secondFactor: true,
  },
  reviewer: {
    label: '审核',
    duty: '商家入驻审核、内容审核与广告法词库',
    permissions: ['merchants.review', 'content.moderate', 'compliance.manage'],
    secondFactor: false,
  },
  risk: {
    label: '风控',
    duty: '异常告警、商家信用与保证金处罚、访问记录',
    permissions: ['alerts.manage', 'insights.read', 'orders.read', 'merchants.review', 'audit.read'],
    secondFactor: true,
  },
  finance: {
    label: '财务',
    duty: '对账、佣金与提现核对',
    permissions: ['finance.read', 'finance.manage', 'orders.read'],
    secondFactor: true,
  },
  analyst: {
    label: '数据分析',
    duty: '只读的经营数据与实验结果（不含个人信息）',
    permissions: ['insights.read'],
    secondFactor: false,
  },
  inspector: {
    label: '鉴定师',
    duty: '鉴定中心：收货核对、出具鉴定结果（通过则转寄买家，不通过则全额退款并退回商家）',
    permissions: ['authentication.decide'],
    // Reads no personal data (the queue shows order numbers and goods, never the buyer), and a failed item's refund
    // can only go back along the order's own payment.
    secondFactor: false,
  },
};

/** The platform roles an actor's (normalised, platform/auth.ts) role list holds. */
export const platformRolesOf = (roles: readonly Role[]): PlatformRole[] =>
  PLATFORM_ROLES.filter((r) => roles.includes(r));

export const staffGrants: StaffGrants = {
  permissionsOf: (roles) => new Set(platformRolesOf(roles).flatMap((r) => ROLES[r].permissions)),
  needsSecondFactor: (roles) => platformRolesOf(roles).some((r) => ROLES[r].secondFactor),
};
