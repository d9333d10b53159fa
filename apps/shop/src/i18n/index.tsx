import { createI18n } from '@haowu/web-kit/i18n';
import { en, type MessageKey } from './en.ts';

export type { MessageKey };

export const { LangProvider, useLang, useT, useFormatTime } = createI18n({ en, storageKey: 'haowu.shop.lang' });
