import { createContext, useContext } from 'react';

/** The merchant the signed-in staff member is acting for (undefined on platform-only sessions). */
export const MerchantScope = createContext<string | undefined>(undefined);

export function useMerchantId(): string {
  const id = useContext(MerchantScope);
  if (!id) throw new Error('merchant pages render only for merchant staff');
  return id;
}
