/** The ledger accounts payments post to (docs/CONTRACTS.md "Ledger accounts"). */
export const accounts = {
  provider: (name: string) => `provider:${name}`,
  pending: (merchantId: string) => `merchant:${merchantId}:pending`,
  available: (merchantId: string) => `merchant:${merchantId}:available`,
  suspense: 'suspense:late-payments',
} as const;
