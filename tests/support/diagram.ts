/** Reading state diagrams back from the docs, to check them against the exported transition tables. */

/** The `from → to` arrows of the mermaid diagram tagged `%% <tag>` (the start arrow `[*]` left out). */
export function diagramEdges(markdown: string, tag: string): string[] {
  const block = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((b) => b[1]!).find((b) => b.includes(`%% ${tag}\n`));
  if (!block) throw new Error(`no diagram tagged ${tag}`);
  return [...block.matchAll(/^\s*(\w+) --> (\w+)/gm)].map((x) => `${x[1]} → ${x[2]}`).sort();
}

export function tableEdges(table: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(table)
    .flatMap(([from, tos]) => tos.map((to) => `${from} → ${to}`))
    .sort();
}
