import type { StaffPermission } from '../../../app/staffAccess.tsx';
import type { MessageKey } from '../../../i18n/index.tsx';

/** What each staff permission lets a person do, in the words 员工与角色 shows. */
export const PERMISSION_LABELS: Record<StaffPermission, MessageKey> = {
  'merchants.review': '商家审核与处罚',
  'content.moderate': '内容审核',
  'compliance.manage': '广告法词库',
  'orders.read': '查看订单（收货信息脱敏）',
  'users.read': '按手机号查询用户（手机号脱敏）',
  'aftersales.decide': '售后仲裁',
  'personal.unmask': '查看完整个人信息（须说明理由）',
  'finance.read': '查看账务与对账',
  'finance.manage': '确认到账与退还保证金',
  'marketing.manage': '营销活动与运营配置',
  'insights.read': '经营数据（不含个人信息）',
  'alerts.manage': '异常告警',
  'staff.manage': '管理员工与角色',
  'audit.read': '查看访问记录',
  'authentication.decide': '鉴定中心：出具鉴定结论',
  'openplatform.manage': '开放平台密钥（只能授予自己有的权限）',
};
