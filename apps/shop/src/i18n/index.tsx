import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const LANG_KEY = 'haowu.shop.lang';

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh-CN', setLang: () => undefined });

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const fill = (text: string, vars?: Vars) =>
  vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;

/** Chinese is the source text and the key; English comes from en.ts. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return fill(lang === 'en-US' ? en[key] : key, vars);
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Without storage the choice lasts for this page only.
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext value={value}>{children}</LangContext>;
}

export const useLang = (): LangState => useContext(LangContext);

export function useT(): Translate {
  const { lang } = useLang();
  return useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
}

/** Dates as a shopper reads them: 2025-03-08 14:05 in Asia/Shanghai (business time), whatever the device zone. */
export function useFormatTime(): (iso: string | null | undefined, withTime?: boolean) => string {
  const { lang } = useLang();
  return useCallback(
    (iso, withTime = true) => {
      if (!iso) return '';
      const parts = new Intl.DateTimeFormat(lang === 'en-US' ? 'en-CA' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      }).formatToParts(new Date(iso));
      const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
      const date = `${get('year')}-${get('month')}-${get('day')}`;
      return withTime ? `${date} ${get('hour')}:${get('minute')}` : date;
    },
    [lang],
  );
}
