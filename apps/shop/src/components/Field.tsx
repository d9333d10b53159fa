import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  value?: string;
  onChange?: (value: string) => void;
};

/**
 * A plain input for antd-mobile forms. Unlike antd-mobile's Input it puts id, data-testid and aria-* on the
 * <input> itself, so labels connect and browser tests can fill it.
 */
export function FieldInput({ value, onChange, className, ...rest }: InputProps) {
  return (
    <input
      {...rest}
      className={`field-input ${className ?? ''}`}
      value={value ?? ''}
      onChange={(e) => onChange?.(e.target.value)}
    />
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  value?: string;
  onChange?: (value: string) => void;
  showCount?: boolean;
};

export function FieldTextArea({ value, onChange, showCount, maxLength, className, ...rest }: TextAreaProps) {
  const text = value ?? '';
  return (
    <div className="field-textarea">
      <textarea
        {...rest}
        maxLength={maxLength}
        className={className}
        value={text}
        onChange={(e) => onChange?.(e.target.value)}
      />
      {showCount && maxLength !== undefined && (
        <span className="field-count" aria-hidden>
          {[...text].length}/{maxLength}
        </span>
      )}
    </div>
  );
}
