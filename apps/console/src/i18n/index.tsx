import { createI18n, type Lang, type Vars } from '@haowu/web-kit/i18n';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en, type MessageKey } from './en.ts';

export type { Lang, MessageKey };
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const { LangProvider, useLang, useT } = createI18n({
  en,
  storageKey: 'haowu.console.lang',
  // antd's date pickers format through dayjs, which has its own locale.
  onLangChange: (lang) => dayjs.locale(lang === 'en-US' ? 'en' : 'zh-cn'),
});
