import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

// zh-CN first, en-US second, for the shop and the console alike: the Chinese text is the source and the key, each
// app supplies its English catalogue. The chosen language is remembered per app.

export type Lang = 'zh-CN' | 'en-US';
export type Vars = Record<string, string | number>;

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const fill = (text: string, vars?: Vars) =>
  vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;

export function createI18n<K extends string>(opts: {
  en: Record<K, string>;
  /** localStorage key of the chosen language. */
  storageKey: string;
  /** Follows a language change (e.g. the date library's locale). */
  onLangChange?: (lang: Lang) => void;
}) {
  const LangContext = createContext<LangState>({ lang: 'zh-CN', setLang: () => undefined });

  const storedLang = (): Lang => {
    try {
      return localStorage.getItem(opts.storageKey) === 'en-US' ? 'en-US' : 'zh-CN';
    } catch {
      return 'zh-CN';
    }
  };

  const translate = (lang: Lang, key: K, vars?: Vars): string => fill(lang === 'en-US' ? opts.en[key] : key, vars);

  function LangProvider({ children }: { children: ReactNode }) {
    const [lang, setLangState] = useState<Lang>(storedLang);
    useEffect(() => {
      document.documentElement.lang = lang;
      opts.onLangChange?.(lang);
    }, [lang]);
    const setLang = useCallback((next: Lang) => {
      setLangState(next);
      try {
        localStorage.setItem(opts.storageKey, next);
      } catch {
        // Without storage the choice lasts for this page only.
      }
    }, []);
    const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
    return <LangContext value={value}>{children}</LangContext>;
  }

  const useLang = (): LangState => useContext(LangContext);

  function useT(): (key: K, vars?: Vars) => string {
    const { lang } = useLang();
    return useCallback((key: K, vars?: Vars) => translate(lang, key, vars), [lang]);
  }

  /** Dates as people here read them: 2025-03-08 14:05 in Asia/Shanghai (business time), whatever the device zone. */
  function useFormatTime(): (iso: string | null | undefined, withTime?: boolean) => string {
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

  return { LangProvider, useLang, useT, useFormatTime, translate };
}
