import type { useT } from '../i18n/index.tsx';

type Subject = { subjectType: 'order' | 'live-session' | 'post'; subjectTitle: string | null };

/** What a complaint is about, in words: 直播间「…」, 笔记「…」 or 订单. */
export function subjectName(t: ReturnType<typeof useT>, s: Subject): string {
  if (s.subjectType === 'live-session') return t('直播间「{title}」', { title: s.subjectTitle ?? '' });
  if (s.subjectType === 'post') return t('笔记「{title}」', { title: s.subjectTitle ?? '' });
  return t('订单');
}

/** Where the complaint's subject is shown in the shop. */
export function subjectPath(s: { subjectType: Subject['subjectType']; subjectId: string }): string {
  if (s.subjectType === 'live-session') return `/live/${s.subjectId}`;
  if (s.subjectType === 'post') return `/posts/${s.subjectId}`;
  return `/orders/${s.subjectId}`;
}
