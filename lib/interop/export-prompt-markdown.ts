import type { BundlePrompt } from './bundle';

const fence = (text: string) => {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
};
const targets = (t: { versionNumber: number; weight: number }[] | null) => (t ? t.map((x) => (t.length > 1 ? `v${x.versionNumber} (${x.weight}%)` : `v${x.versionNumber}`)).join(', ') : '—');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
// A title is one line of plain text: Markdown in it stays literal.
const inline = (text: string) => text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);

/** A readable Markdown document of one prompt: labels, every version newest first, the deployment history. */
export function promptMarkdown(prompt: BundlePrompt): string {
  const out: string[] = [`# ${inline(prompt.title)}`, '', `Slug: \`${prompt.slug}\``];
  if (prompt.tags.length) out.push(`Tags: ${prompt.tags.map((t) => `\`${t}\``).join(', ')}`);
  if (prompt.description) out.push('', prompt.description);
  if (prompt.labels.length) {
    out.push('', '## Labels', '', '| Label | Serves | Protected |', '| --- | --- | --- |');
    for (const l of prompt.labels) out.push(`| ${l.name} | ${targets(l.targets)} | ${l.protected ? 'yes' : 'no'} |`);
  }
  out.push('', '## Versions');
  for (const v of [...prompt.versions].reverse()) {
    out.push('', `### Version ${v.versionNumber}`, '', `${v.createdAt}${v.author?.name ? ` by ${v.author.name}` : ''} · model \`${v.model.provider}/${v.model.model}\``);
    if (v.notes) out.push('', `> ${v.notes.replace(/\n/g, '\n> ')}`);
    if (v.variables.length) out.push('', `Variables: ${v.variables.map((x) => `\`${x.name}\` (${x.type}${x.required ? '' : ', optional'})`).join(', ')}`);
    const turns = v.messages ?? [...(v.systemPrompt ? [{ role: 'system', content: v.systemPrompt }] : []), { role: 'user', content: v.userPrompt }];
    for (const t of turns) out.push('', `**${t.role}**`, '', fence(t.content));
  }
  if (prompt.deployments.length) {
    out.push('', '## Deployments', '', '| When | Label | Action | From | To | By | Note |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const d of [...prompt.deployments].reverse()) out.push(`| ${d.createdAt} | ${d.label} | ${d.action} | ${targets(d.from)} | ${targets(d.to)} | ${cell(d.actor?.name ?? '—')} | ${cell(d.note)} |`);
  }
  return `${out.join('\n')}\n`;
}
