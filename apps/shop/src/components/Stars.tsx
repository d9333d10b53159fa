import { StarFill } from 'antd-mobile-icons';
import { useT } from '../i18n/index.tsx';

/** Five stars, read out as "4 星（满分 5 星）". */
export function Stars({ value, size = 12 }: { value: number; size?: number }) {
  const t = useT();
  const full = Math.round(value);
  return (
    <span className="stars" role="img" aria-label={t('{n} 星（满分 5 星）', { n: value })} style={{ fontSize: size }}>
      {Array.from({ length: 5 }, (_, i) => (
        <StarFill key={i} className={i < full ? 'on' : ''} aria-hidden />
      ))}
    </span>
  );
}
