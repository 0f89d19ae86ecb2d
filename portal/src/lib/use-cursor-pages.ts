import { useCallback, useState } from 'react';

interface Pages {
  key: string;
  cursors: (string | undefined)[];
  index: number;
}

/**
 * Pages of a list the API pages with cursors: page 1 has no cursor, page n+1 the `nextCursor` of page n. The pages
 * seen are remembered, so Previous goes back without asking the API again for a cursor. A new `key` (other filters,
 * another order) starts again at page 1: a cursor belongs to one query.
 */
export function useCursorPages(key: string) {
  const [state, setState] = useState<Pages>({ key, cursors: [undefined], index: 0 });
  const current: Pages = state.key === key ? state : { key, cursors: [undefined], index: 0 };
  const learn = useCallback(
    (nextCursor: string | undefined) => {
      if (!nextCursor) return;
      setState((s) => {
        const base = s.key === key ? s : { key, cursors: [undefined], index: 0 };
        if (base.cursors[base.index + 1] === nextCursor) return base;
        return { ...base, cursors: [...base.cursors.slice(0, base.index + 1), nextCursor] };
      });
    },
    [key],
  );
  return {
    cursor: current.cursors[current.index],
    /** 1-based, for Cloudscape's Pagination. */
    page: current.index + 1,
    pagesKnown: current.cursors.length,
    goTo(page: number) {
      const index = page - 1;
      if (index >= 0 && index < current.cursors.length) setState({ ...current, index });
    },
    /** Remembers the shown page's `nextCursor`, so the pagination offers the page after it. */
    learn,
  };
}
