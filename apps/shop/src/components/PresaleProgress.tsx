import { ProgressBar } from 'antd-mobile';
import type { Presale } from '../api/c2m.ts';
import { useT } from '../i18n/index.tsx';

/** Paid units against the target: the bar fills at the target, the figure may pass 100 %. */
export function PresaleProgress({ p }: { p: Presale }) {
  const t = useT();
  return (
    <div data-testid="presale-progress">
      <ProgressBar percent={Math.min(100, p.progressPercent)} style={{ '--fill-color': 'var(--adm-color-danger)' }} />
      <p className="row muted" style={{ justifyContent: 'space-between', margin: '6px 0 0', fontSize: 12 }}>
        <span>{t('已预订 {n} / 目标 {target} 件', { n: p.paidQty, target: p.targetQty })}</span>
        <span>{t('{pct}% · {backers} 人支持', { pct: p.progressPercent, backers: p.backers })}</span>
      </p>
    </div>
  );
}
