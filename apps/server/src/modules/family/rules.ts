// Pure rules of family pay, with their own unit tests.

/** The Beijing calendar month a moment falls in ('2026-12'): budgets are monthly in the buyer's time zone. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Top-level category of each category id, from the tree (a product's category is usually a leaf). */
export function rootsOf(tree: { id: string; children: { id: string; children: unknown[] }[] }[]): Map<string, string> {
  const roots = new Map<string, string>();
  type Node = { id: string; children: unknown[] };
  const walk = (nodes: Node[], root: string) => {
    for (const n of nodes) {
      roots.set(n.id, root);
      walk(n.children as Node[], root);
    }
  };
  for (const top of tree) {
    roots.set(top.id, top.id);
    walk(top.children, top.id);
  }
  return roots;
}

/** Why the binding's rules refuse these categories, or null: an empty allow-list allows everything. */
export function categoriesOutside(allowed: string[], productRoots: (string | undefined)[]): boolean {
  if (allowed.length === 0) return false;
  return productRoots.some((r) => r === undefined || !allowed.includes(r));
}
