// What the open platform keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { personalData } from '../../platform/privacy.ts';
import { apiKeys, webhookEndpoints } from './schema.ts';

// Keys and webhooks belong to the merchant; the only personal datum is who set them up, which erasure forgets.
const forgetCreator = {
  kind: 'anonymise' as const,
  set: { createdBy: null },
  why: '密钥与 Webhook 属于商家，继续为商家工作；注销后不再记录由谁创建',
};

export const openplatformPersonalData = personalData('openplatform', [
  {
    table: apiKeys,
    by: [apiKeys.createdBy],
    purpose: '开放平台：记录 API 密钥由哪位员工创建',
    classes: { created_by: 'personal' },
    retention: '密钥存续期间',
    erase: forgetCreator,
  },
  {
    table: webhookEndpoints,
    by: [webhookEndpoints.createdBy],
    purpose: '开放平台：记录 Webhook 由哪位员工创建，停用时短信通知此人',
    classes: { created_by: 'personal' },
    retention: 'Webhook 存续期间',
    erase: forgetCreator,
  },
]);
