import type { CategorySnapshot } from './category.js';
import type { CategoryNode } from './ports.js';

/** Nests categories under their parents; siblings keep the order in which `categories` lists them. */
export function categoryTree(categories: readonly CategorySnapshot[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const c of categories) {
    nodes.set(c.id, { id: c.id, name: c.name, parentId: c.parentId, level: c.path.length, sort: c.sort, attributes: c.attributes, children: [] });
  }
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
