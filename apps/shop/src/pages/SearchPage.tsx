import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Dialog } from 'antd-mobile';
import { DeleteOutline, LeftOutline, SearchOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCategories } from '../api/catalog.ts';
import { api, must } from '../api/client.ts';
import { SearchBox } from '../components/SearchBox.tsx';
import { useT } from '../i18n/index.tsx';
import { clearSearchHistory, pushSearchHistory, readSearchHistory } from '../lib/storage.ts';
import './SearchPage.css';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** Highlights the typed words inside a suggestion. */
function Highlight({ text, term }: { text: string; term: string }) {
  const i = term ? text.indexOf(term) : -1;
  if (i < 0) return <span>{text}</span>;
  return (
    <span>
      {text.slice(0, i)}
      <mark>{term}</mark>
      {text.slice(i + term.length)}
    </span>
  );
}

export default function SearchPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [history, setHistory] = useState(readSearchHistory);
  const categories = useCategories();
  const term = useDebounced(q.trim(), 200);

  const suggestions = useQuery({
    queryKey: ['search-suggestions', term],
    queryFn: async () => (await must(api.GET('/api/v1/search/suggestions', { params: { query: { q: term } } }))).items,
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const go = (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    setHistory(pushSearchHistory(text));
    void navigate(`/products?q=${encodeURIComponent(text)}`);
  };

  const showSuggestions = q.trim().length > 0;
  return (
    <div className="page search-page">
      <header className="search-header">
        <button type="button" className="icon-button" aria-label={t('返回')} onClick={() => void navigate(-1)}>
          <LeftOutline aria-hidden />
        </button>
        <SearchBox value={q} onChange={setQ} onSubmit={go} autoFocus />
        <button type="button" className="submit" onClick={() => go(q)} data-testid="search-submit">
          {t('搜索')}
        </button>
      </header>
      <h1 className="sr-only">{t('搜索')}</h1>

      {showSuggestions ? (
        <ul className="search-suggestions" aria-label={t('搜索联想')} data-testid="search-suggestions">
          <li>
            <button type="button" onClick={() => go(q)}>
              <SearchOutline aria-hidden /> {t('搜索“{q}”', { q: q.trim() })}
            </button>
          </li>
          {(suggestions.data ?? []).map((s) => (
            <li key={s}>
              <button type="button" onClick={() => go(s)} data-testid="search-suggestion">
                <SearchOutline aria-hidden /> <Highlight text={s} term={term} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <>
          {history.length > 0 && (
            <section className="search-section" aria-labelledby="search-history-title">
              <div className="row-between">
                <h2 id="search-history-title">{t('搜索历史')}</h2>
                <button
                  type="button"
                  className="icon-button"
                  style={{ width: 32, height: 32, fontSize: 18 }}
                  aria-label={t('清空搜索历史')}
                  onClick={() =>
                    void Dialog.confirm({
                      content: t('确定清空搜索历史吗？'),
                      confirmText: t('清空'),
                      cancelText: t('取消'),
                    }).then((yes) => {
                      if (!yes) return;
                      clearSearchHistory();
                      setHistory([]);
                    })
                  }
                >
                  <DeleteOutline aria-hidden />
                </button>
              </div>
              <ul className="search-chips" data-testid="search-history">
                {history.map((h) => (
                  <li key={h}>
                    <button type="button" onClick={() => go(h)}>
                      {h}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {categories.data && categories.data.length > 0 && (
            <section className="search-section" aria-labelledby="search-cats-title">
              <h2 id="search-cats-title">{t('按分类逛')}</h2>
              <ul className="search-chips">
                {categories.data
                  .flatMap((c) => c.children)
                  .map((c) => (
                    <li key={c.id}>
                      <Link to={`/products?categoryId=${encodeURIComponent(c.id)}&title=${encodeURIComponent(c.name)}`}>
                        {c.name}
                      </Link>
                    </li>
                  ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
