import { AddOutline, MinusOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.tsx';

/** − [n] + with named buttons and a labelled input; typed values are committed on blur or Enter. */
export function QtyStepper({
  value,
  min = 1,
  max,
  disabled,
  onChange,
  label,
  testId,
}: {
  value: number;
  min?: number;
  max: number;
  disabled?: boolean;
  onChange: (next: number) => void;
  label?: string;
  testId?: string;
}) {
  const t = useT();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const upper = Math.max(min, max);
  const commit = (raw: string) => {
    const n = Math.trunc(Number(raw));
    const next = Number.isFinite(n) ? Math.min(upper, Math.max(min, n)) : value;
    setText(String(next));
    if (next !== value) onChange(next);
  };
  return (
    <div className="qty-stepper" role="group" aria-label={label ?? t('数量')} data-testid={testId}>
      <button
        type="button"
        aria-label={t('减少数量')}
        disabled={disabled || value <= min}
        onClick={() => onChange(value - 1)}
      >
        <MinusOutline aria-hidden />
      </button>
      <input
        type="text"
        inputMode="numeric"
        aria-label={label ?? t('数量')}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value.replace(/\D/g, '').slice(0, 3))}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      <button
        type="button"
        aria-label={t('增加数量')}
        disabled={disabled || value >= upper}
        onClick={() => onChange(value + 1)}
      >
        <AddOutline aria-hidden />
      </button>
    </div>
  );
}
