import { readFileSync } from 'node:fs';
import { ARCHITECTURE_DOC, documentedLayout, renderLayout } from '#infra/docs/data-layout';
import { allEntities } from '#functions/entities';

// unit: the data-layout table of docs/ARCHITECTURE.md is what the entity definitions say.
describe('data layout', () => {
  it('is documented exactly as the entity definitions declare it (npm run docs:layout rewrites it)', () => {
    const doc = readFileSync(ARCHITECTURE_DOC, 'utf8');
    expect(documentedLayout(doc)).toBe(renderLayout());
  });

  it('gives every stored object its own type and key shape', () => {
    const types = allEntities.map((entity) => entity.type);
    expect(new Set(types).size).toBe(types.length);
    const rows = renderLayout().split('\n').slice(2);
    const shapes = rows.map((row) => row.split(' | ').slice(0, 2).join(' | '));
    expect(new Set(shapes).size).toBe(shapes.length);
  });
});
