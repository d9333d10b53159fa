// Distribution's public surface: affiliate links, commission rules, commissions on the ledger, withdrawals,
// statements and stats. The use-cases live in the files named below; the rules are in docs/DISTRIBUTION.md.
export { createAffiliateLink, listMyLinks, type AffiliateLinkView } from './links.ts';
export {
  deleteRule,
  listMerchantRules,
  listPlatformRules,
  putMerchantRule,
  putPlatformRule,
  resolveRule,
  type RuleInput,
  type RuleView,
} from './rules.ts';
export {
  commissionFor,
  creditInviteReward,
  recordOrderCommissions,
  settleOrderCommissions,
  syncCommissionReversals,
} from './commissions.ts';
export { listMyCommissions, myEarnings, type CommissionView, type EarningsSummary } from './earnings.ts';
export {
  executePayout,
  getPayoutAccount,
  listMyWithdrawals,
  MIN_WITHDRAWAL_FEN,
  requestWithdrawal,
  setPayoutAccount,
  type WithdrawalView,
} from './withdrawals.ts';
export { monthlyStatementCsv } from './statements.ts';
export { distributionStats } from './stats.ts';
export { commissionByPost, type PostCommission } from './post-commissions.ts';
export { promoterCodeFor } from './promoters.ts';
export { reconcileDistribution, runDistributionReconciliation } from './reconcile.ts';
