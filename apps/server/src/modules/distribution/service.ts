// Distribution's public surface: affiliate links, commission rules, commissions on the ledger, withdrawals,
// statements and stats. The use-cases live in the files named below; the rules are in docs/DISTRIBUTION.md.
export { createAffiliateLink, listMyLinks } from './links.ts';
export { deleteRule, listMerchantRules, listPlatformRules, putMerchantRule, putPlatformRule } from './rules.ts';
export { listMyCommissions, myEarnings } from './earnings.ts';
export {
  getPayoutAccount,
  listMyWithdrawals,
  MIN_WITHDRAWAL_FEN,
  requestWithdrawal,
  setPayoutAccount,
} from './withdrawals.ts';
export { monthlyStatementCsv } from './statements.ts';
export { distributionStats } from './stats.ts';
export { commissionByPost } from './post-commissions.ts';
export { runDistributionReconciliation } from './reconcile.ts';
