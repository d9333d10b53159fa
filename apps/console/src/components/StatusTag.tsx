import { Tag } from 'antd';
import type { ReactNode } from 'react';

// antd's preset tag colours put mid-tone text on a pale fill (about 3:1); these keep the look at WCAG AA contrast.
const PALETTE: Record<string, { color: string; background: string; borderColor: string }> = {
  default: { color: '#434343', background: '#fafafa', borderColor: '#d9d9d9' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  magenta: { color: '#780650', background: '#fff0f6', borderColor: '#ffadd2' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
};

export function StatusTag({ color, children, testId }: { color: string; children: ReactNode; testId?: string }) {
  return (
    <Tag style={PALETTE[color] ?? PALETTE.default} data-testid={testId}>
      {children}
    </Tag>
  );
}
