import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allEntities } from '#functions/entities';
import { layoutRow } from '#shared/db/entity';

/**
 * The data-layout table of docs/ARCHITECTURE.md, generated from the entity definitions: `npm run docs:layout`
 * rewrites it, and a unit test fails when the document and the definitions disagree.
 */
// tsx and jest both run this file as CommonJS, so __dirname is defined.
export const ARCHITECTURE_DOC = resolve(__dirname, '../../docs/ARCHITECTURE.md');
const BEGIN = '<!-- data-layout: generated from the entity definitions by `npm run docs:layout`; do not edit -->';
const END = '<!-- data-layout: end -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderLayout(): string {
  const rows = allEntities.map((entity) => {
    const row = layoutRow(entity);
    const indexes = row.indexes.map(cell).join('; ');
    return `| \`${cell(row.pk)}\` | \`${cell(row.sk)}\` | ${entity.type} | ${cell(row.describe)} | ${indexes} |`;
  });
  return ['| PK | SK | type | item | indexes |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The table as the document has it now. */
export function documentedLayout(doc: string): string | undefined {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return doc.slice(start + BEGIN.length, end).trim();
}

export function withLayout(doc: string, table: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/ARCHITECTURE.md lacks the markers ${BEGIN} ... ${END}`);
  return `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1]?.endsWith('data-layout.ts')) {
  const doc = readFileSync(ARCHITECTURE_DOC, 'utf8');
  writeFileSync(ARCHITECTURE_DOC, withLayout(doc, renderLayout()));
  console.log(`docs/ARCHITECTURE.md: data layout of ${allEntities.length} entities written`);
}
