/**
 * Ledger accounts of distribution (docs/DISTRIBUTION.md). Merchant accounts are the payments module's
 * (`merchant:<id>:pending|available`): commission is paid out of the merchant's money for the order.
 */
export const accounts = {
  merchantPending: (merchantId: string) => `merchant:${merchantId}:pending`,
  merchantAvailable: (merchantId: string) => `merchant:${merchantId}:available`,
  /** Commission recorded, not yet settled (credit = owed to the promoter). */
  promoterPending: (userId: string) => `promoter:${userId}:pending`,
  /** Settled commission and invitation rewards: withdrawable. */
  promoterAvailable: (userId: string) => `promoter:${userId}:available`,
  /** Held for a withdrawal being paid out. */
  promoterWithdrawing: (userId: string) => `promoter:${userId}:withdrawing`,
  /** The platform's cost of invitation rewards. */
  inviteRewards: 'platform:marketing:invite-rewards',
  /** Money sent to promoters through the payout provider. */
  payout: (provider: string) => `payout:${provider}`,
  /** Individual income tax withheld, owed to the tax authority. */
  taxWithheld: 'tax:withheld',
} as const;
