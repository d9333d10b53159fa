/** localStorage that degrades to nothing in private mode instead of throwing. */
export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the value lives for this page only.
  }
}

const HISTORY_KEY = 'haowu.shop.searchHistory';
const HISTORY_MAX = 12;

export const readSearchHistory = (): string[] => {
  const list = readJson<unknown>(HISTORY_KEY, []);
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
};

export function pushSearchHistory(q: string): string[] {
  const term = q.trim();
  if (!term) return readSearchHistory();
  const next = [term, ...readSearchHistory().filter((x) => x !== term)].slice(0, HISTORY_MAX);
  writeJson(HISTORY_KEY, next);
  return next;
}

export function clearSearchHistory(): void {
  writeJson(HISTORY_KEY, []);
}
