import { StarFill } from 'antd-mobile-icons';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';

/** A 1–5 star rating as a radio group: arrow keys, screen readers and clicks all work. */
export function StarInput({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  testId?: string;
}) {
  const t = useT();
  const name = useId();
  const words = [t('非常差'), t('差'), t('一般'), t('好'), t('非常好')];
  return (
    <fieldset className="star-input" data-testid={testId}>
      <legend>{label}</legend>
      <div className="star-input-stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={n <= value ? 'on' : ''}>
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="star-radio"
              data-testid={testId ? `${testId}-${n}` : undefined}
            />
            <StarFill aria-hidden />
            <span className="sr-only">{t('{n} 星', { n })}</span>
          </label>
        ))}
      </div>
      <span className="star-input-word" aria-hidden>
        {value > 0 ? words[value - 1] : ''}
      </span>
    </fieldset>
  );
}
