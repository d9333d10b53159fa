import type { ReactNode } from 'react';
import { useImpression } from '../lib/useTrack.ts';

/** A block showing one product that counts an impression (slot, position) when half of it is on screen. */
export function Impression({
  productId,
  slot,
  position,
  className,
  testId,
  children,
}: {
  productId: string;
  slot: string;
  position: number;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useImpression<HTMLDivElement>(productId, slot, position);
  return (
    <div ref={ref} className={className} data-testid={testId}>
      {children}
    </div>
  );
}
