import { RightOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface MenuEntry {
  key: string;
  icon?: ReactNode;
  label: ReactNode;
  extra?: ReactNode;
  /** A link when `to` is set, otherwise a button. */
  to?: string;
  onClick?: () => void;
  testId?: string;
}

/** Rows of links or buttons (real, focusable elements), in the look of antd-mobile's List. */
export function MenuList({ items, className }: { items: MenuEntry[]; className?: string }) {
  return (
    <ul className={`menu-list ${className ?? ''}`}>
      {items.map((item) => {
        const inner = (
          <>
            {item.icon && <span className="menu-icon">{item.icon}</span>}
            <span className="menu-label">{item.label}</span>
            {item.extra !== undefined && <span className="menu-extra">{item.extra}</span>}
            <RightOutline className="menu-arrow" aria-hidden />
          </>
        );
        return (
          <li key={item.key}>
            {item.to ? (
              <Link to={item.to} className="menu-row" data-testid={item.testId}>
                {inner}
              </Link>
            ) : (
              <button type="button" className="menu-row" onClick={item.onClick} data-testid={item.testId}>
                {inner}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
