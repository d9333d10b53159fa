// What the distribution module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { affiliateLinks, commissions, payoutAccounts, withdrawals } from './schema.ts';

export const distributionPersonalData = personalData('distribution', [
  {
    table: affiliateLinks,
    by: [affiliateLinks.promoterId],
    purpose: '推广员的推广链接',
    classes: { promoter_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: commissions,
    by: [commissions.promoterId, commissions.buyerId],
    purpose: '推广佣金（推广员与下单人）',
    classes: { promoter_id: 'personal', buyer_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: payoutAccounts,
    by: [payoutAccounts.userId],
    sealed: [payoutAccounts.holderName],
    purpose: '推广佣金的收款账户',
    classes: {
      user_id: 'personal',
      provider_account_ref: 'sensitive',
      holder_name: 'sensitive',
      masked_account: 'sensitive',
    },
    retention: RETAIN.trade,
    erase: {
      kind: 'anonymise',
      set: { holderName: '已注销', providerAccountRef: 'erased', maskedAccount: '****' },
      why: '提现记录需要收款方式留底；持有人姓名与账户引用清除',
    },
  },
  {
    table: withdrawals,
    by: [withdrawals.userId],
    purpose: '佣金提现与代扣税记录',
    classes: { user_id: 'personal', provider_account_ref: 'sensitive', masked_account: 'sensitive' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
