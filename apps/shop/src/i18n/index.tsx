import { createI18n, type Lang, type Vars } from '@haowu/web-kit/i18n';
import { en, type MessageKey } from './en.ts';

export type { Lang, MessageKey, Vars };
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const { LangProvider, useLang, useT, useFormatTime } = createI18n({ en, storageKey: 'haowu.shop.lang' });
