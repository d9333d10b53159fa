import { yuan } from '../lib/money.ts';

/** ¥12.90 with the yuan emphasised; the crossed-out list price only when the server gave one. */
export function Price({
  fen,
  original,
  size = 16,
  className,
}: {
  fen: number;
  original?: number | null;
  size?: number;
  className?: string;
}) {
  const [int, dec] = yuan(fen).split('.');
  return (
    <span className={className}>
      {/* --price-size lets 关怀模式 scale every price from one rule (care-mode.css). */}
      <span className="price" style={{ fontSize: size, ['--price-size' as string]: `${size}px` }}>
        <span className="cur">¥</span>
        {int}
        <span className="fen">.{dec}</span>
      </span>
      {original != null && original > fen && <del className="price-original">¥{yuan(original)}</del>}
    </span>
  );
}
