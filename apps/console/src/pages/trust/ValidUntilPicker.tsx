import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Translate } from '../../i18n/index.tsx';

/** A document's last valid day as the server wants it (YYYY-MM-DD); null when none was picked. */
export const dayOf = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const toDayjs = (day: string | null | undefined): Dayjs | null => (day ? dayjs(day) : null);

/** Required, and not already past: the server refuses a past date too (证件有效期不正确). */
export const validUntilRules = (t: Translate) => [
  { required: true, message: t('请选择有效期') },
  {
    validator: (_: unknown, v: Dayjs | null | undefined) =>
      !v || !v.isBefore(dayjs(), 'day')
        ? Promise.resolve()
        : Promise.reject(new Error(t('有效期已过，请上传在有效期内的证件'))),
  },
];

/** The date picker for a document's 有效期至; past days cannot be picked. */
export function ValidUntilPicker({
  value,
  onChange,
  disabled,
  testId,
}: {
  value?: Dayjs | null;
  onChange?: (v: Dayjs | null) => void;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <DatePicker
      value={value ?? null}
      onChange={(v) => onChange?.(v)}
      disabled={disabled}
      disabledDate={(d) => d.isBefore(dayjs(), 'day')}
      format="YYYY-MM-DD"
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
