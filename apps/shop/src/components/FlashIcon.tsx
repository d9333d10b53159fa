/** A lightning bolt in the outline style of antd-mobile-icons, which has none: the mark of 秒杀. */
export const FlashIcon = () => (
  <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
    <path d="M13.5 2.5 5 13.5h6l-1.5 8 8.5-11h-6l1.5-8Z" strokeLinejoin="round" />
  </svg>
);
