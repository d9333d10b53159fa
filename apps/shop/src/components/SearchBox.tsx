import { CloseCircleFill, SearchOutline } from 'antd-mobile-icons';
import { useT } from '../i18n/index.tsx';

/** The search field: a real form (Enter / the keyboard's 搜索 key submits) with a labelled input. */
export function SearchBox({
  value,
  onChange,
  onSubmit,
  onFocus,
  autoFocus,
  readOnly,
}: {
  value: string;
  onChange?: (v: string) => void;
  onSubmit?: (v: string) => void;
  onFocus?: () => void;
  autoFocus?: boolean;
  readOnly?: boolean;
}) {
  const t = useT();
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.(value);
      }}
    >
      <SearchOutline aria-hidden className="search-box-icon" />
      <input
        type="search"
        enterKeyHint="search"
        aria-label={t('搜索商品')}
        placeholder={t('搜索好物')}
        value={value}
        maxLength={50}
        autoFocus={autoFocus}
        readOnly={readOnly}
        onFocus={onFocus}
        onChange={(e) => onChange?.(e.target.value)}
        data-testid="search-input"
      />
      {value && !readOnly && (
        <button type="button" className="search-box-clear" aria-label={t('清空搜索词')} onClick={() => onChange?.('')}>
          <CloseCircleFill aria-hidden />
        </button>
      )}
    </form>
  );
}
