// What the privacy module itself keeps about a person (docs/PRIVACY.md).
import { DELETE, personalData, RETAIN } from '../../platform/privacy.ts';
import { accountCancellations, privacyConsentRecords, privacyConsents, privacyExports } from './schema.ts';

export const privacyPersonalData = personalData('privacy', [
  {
    table: privacyConsents,
    by: [privacyConsents.userId],
    purpose: '本人当前的同意选择（隐私政策版本、位置、统计分析）',
    classes: { user_id: 'personal' },
    retention: RETAIN.preference,
    erase: DELETE,
  },
  {
    table: privacyConsentRecords,
    by: [privacyConsentRecords.userId],
    purpose: '每次同意或撤回的记录（时间、政策版本），证明处理有据',
    classes: { user_id: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: privacyExports,
    by: [privacyExports.userId],
    purpose: '“下载我的数据”生成的文件',
    classes: { user_id: 'personal', archive: 'personal' },
    retention: '生成后 7 天可下载，到期删除文件',
    erase: DELETE,
  },
  {
    table: accountCancellations,
    by: [accountCancellations.userId],
    purpose: '注销申请与冷静期',
    classes: { user_id: 'personal' },
    retention: '注销完成后保留匿名编号，证明已按申请删除',
    erase: {
      kind: 'keep',
      why: '证明注销已按申请执行；其中只有已匿名的账号编号',
    },
  },
]);
