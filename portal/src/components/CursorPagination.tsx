import { useEffect } from 'react';
import Pagination from '@cloudscape-design/components/pagination';
import { messages } from '../messages';
import type { useCursorPages } from '../lib/use-cursor-pages';

const t = messages.common.pagination;

/** Next and previous pages of a list paged by the API's cursors: the pages seen so far, and the next one if any. */
export function CursorPagination({
  pages,
  nextCursor,
  disabled,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | undefined;
  disabled?: boolean;
}) {
  const { learn } = pages;
  useEffect(() => learn(nextCursor), [learn, nextCursor]);
  return (
    <Pagination
      currentPageIndex={pages.page}
      pagesCount={pages.pagesKnown}
      disabled={disabled ?? false}
      onChange={({ detail }) => pages.goTo(detail.currentPageIndex)}
      ariaLabels={{
        nextPageLabel: t.nextPageLabel,
        previousPageLabel: t.previousPageLabel,
        pageLabel: t.pageLabel,
      }}
    />
  );
}
