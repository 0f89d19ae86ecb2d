import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { followLink } from '../../../lib/router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAgreements } from '../api/use-partner-lists';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import { CursorPagination } from '../../../components/CursorPagination';

const t = messages.partners.agreements;
type Status = keyof typeof t.statusValue;
const indicator: Record<Status, StatusIndicatorProps.Type> = {
  draft: 'pending',
  negotiating: 'in-progress',
  active: 'success',
  terminated: 'stopped',
  expired: 'stopped',
};

/** The partner's agreements, each opening its own page (the agreements screens); the vendor may start a new one. */
export function AgreementsTab({ partnerId, canCreate }: { partnerId: string; canCreate: boolean }) {
  const pages = useCursorPages(partnerId);
  const list = useAgreements(partnerId, pages.cursor);
  const base = `/partners/${encodeURIComponent(partnerId)}/agreements`;
  const items = list.data?.items ?? [];
  const dateOf = (iso: string | undefined) => (iso ? formatDate(iso.slice(0, 10)) : messages.partners.page.none);
  return (
    <Table
      header={
        <Header
          variant="h2"
          counter={
            list.data
              ? `(${formatNumber(items.length)}${list.data.nextCursor || pages.page > 1 ? '+' : ''})`
              : undefined
          }
          actions={
            canCreate && (
              <Button href={`${base}/new`} onFollow={followLink}>
                {t.new}
              </Button>
            )
          }
        >
          {t.title}
        </Header>
      }
      items={items}
      loading={list.isPending}
      loadingText={messages.common.loading}
      trackBy="id"
      pagination={
        <CursorPagination pages={pages} nextCursor={list.isPlaceholderData ? undefined : list.data?.nextCursor} />
      }
      empty={
        list.isError ? (
          <ProblemAlert error={list.error} />
        ) : (
          <Box textAlign="center" color="inherit">
            <SpaceBetween size="xxs">
              <b>{t.none}</b>
              <Box variant="p" color="inherit">
                {t.noneDetail}
              </Box>
            </SpaceBetween>
          </Box>
        )
      }
      columnDefinitions={[
        {
          id: 'title',
          header: t.name,
          isRowHeader: true,
          cell: (a) => (
            <Link href={`${base}/${encodeURIComponent(a.id)}`} onFollow={followLink}>
              {a.title}
            </Link>
          ),
        },
        {
          id: 'status',
          header: t.status,
          cell: (a) => <StatusIndicator type={indicator[a.status]}>{t.statusValue[a.status]}</StatusIndicator>,
        },
        { id: 'version', header: t.version, cell: (a) => formatNumber(a.activeVersion ?? a.currentVersion) },
        { id: 'effective', header: t.effective, cell: (a) => dateOf(a.effectiveAt) },
        { id: 'expires', header: t.expires, cell: (a) => dateOf(a.expiresAt) },
        { id: 'updated', header: t.updated, cell: (a) => formatDateTime(a.updatedAt) },
      ]}
    />
  );
}
