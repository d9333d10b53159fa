// What the staff module keeps about people (docs/PRIVACY.md): the access trail names the person whose data was
// read; the other tables are about staff accounts.
import { DELETE, personalData, RETAIN } from '../../platform/privacy.ts';
import { staffAccessLog, staffRecoveryCodes, staffRoleChanges, staffTotp } from './schema.ts';

export const staffPersonalData = personalData('staff', [
  {
    table: staffAccessLog,
    by: [staffAccessLog.subjectUserId, staffAccessLog.staffUserId],
    purpose: '平台员工查看个人信息的记录（谁、何时、看了什么、为什么），用于审计；本人可在隐私中心看到被哪类岗位查看过',
    classes: { subject_user_id: 'personal', staff_user_id: 'personal', reason: 'personal' },
    retention: '三年，供审计（《个人信息保护法》第 54 条合规审计）；注销后仅以匿名编号保留',
    erase: { kind: 'keep', why: '审计记录须完整保留；其中只有编号，注销后不再指向本人' },
  },
  {
    table: staffRoleChanges,
    by: [staffRoleChanges.staffUserId, staffRoleChanges.changedBy],
    purpose: '平台员工岗位与店铺子账号岗位的授予与撤销记录',
    classes: { staff_user_id: 'personal', changed_by: 'personal' },
    retention: '三年，供审计；注销后仅以匿名编号保留',
    erase: { kind: 'keep', why: '权限变更的审计记录须完整保留' },
  },
  {
    table: staffTotp,
    by: [staffTotp.staffUserId],
    purpose: '员工两步验证密钥（加密保存）',
    classes: { staff_user_id: 'personal', secret: 'sensitive' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: staffRecoveryCodes,
    by: [staffRecoveryCodes.staffUserId],
    purpose: '员工两步验证恢复码（仅存哈希）',
    classes: { staff_user_id: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
]);
