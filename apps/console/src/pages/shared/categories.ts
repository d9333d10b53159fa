import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, must } from '../../api/client.ts';

/** The two-level category tree, and each category's full name (美妆 / 面部护肤). */
export function useCategories() {
  const query = useQuery({
    queryKey: ['categories'],
    queryFn: () => must(api.GET('/api/v1/categories')),
    staleTime: 30 * 60_000,
  });
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const top of query.data?.items ?? []) {
      map.set(top.id, top.name);
      for (const child of top.children) map.set(child.id, `${top.name} / ${child.name}`);
    }
    return map;
  }, [query.data]);
  const treeData = useMemo(
    () =>
      (query.data?.items ?? []).map((top) => ({
        value: top.id,
        title: top.name,
        selectable: top.children.length === 0,
        children: top.children.map((c) => ({ value: c.id, title: c.name })),
      })),
    [query.data],
  );
  return { query, names, treeData };
}
