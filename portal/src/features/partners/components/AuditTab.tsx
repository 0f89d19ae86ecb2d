import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LocalTime } from '../../../components/LocalTime';
import { useAudit } from '../api/use-partner-lists';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import { CursorPagination } from '../../../components/CursorPagination';

const t = messages.partners.audit;

/** Who changed what and when, newest first, a page at a time through the API's cursors. */
export function AuditTab({ partnerId, timeZone }: { partnerId: string; timeZone: string }) {
  const pages = useCursorPages(partnerId);
  const audit = useAudit(partnerId, pages.cursor);
  return (
    <Table
      header={
        <Header variant="h2" description={t.description}>
          {t.title}
        </Header>
      }
      items={audit.data?.items ?? []}
      loading={audit.isPending}
      loadingText={messages.common.loading}
      trackBy="id"
      wrapLines
      pagination={
        <CursorPagination pages={pages} nextCursor={audit.isPlaceholderData ? undefined : audit.data?.nextCursor} />
      }
      empty={audit.isError ? <ProblemAlert error={audit.error} /> : <Box textAlign="center">{t.none}</Box>}
      columnDefinitions={[
        { id: 'when', header: t.when, cell: (e) => <LocalTime at={e.at} partnerTimeZone={timeZone} /> },
        {
          id: 'who',
          header: t.who,
          cell: (e) => (
            <SpaceBetween size="xxxs">
              <span>{e.actor.email ?? e.actor.sub}</span>
              <Box variant="small">{roleName(e.actor.role)}</Box>
            </SpaceBetween>
          ),
        },
        {
          id: 'what',
          header: t.what,
          isRowHeader: true,
          cell: (e) => t.action[e.action] ?? `${e.action} (${t.entity(e.entityType)})`,
        },
        {
          id: 'changes',
          header: t.changes,
          cell: (e) => (
            <SpaceBetween size="xxxs">
              {Object.entries(e.changes ?? {}).map(([field, change]) => (
                <span key={field}>{t.change(field, show(change.from), show(change.to))}</span>
              ))}
              {e.note && <Box variant="small">{`${t.note}: ${e.note}`}</Box>}
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}

function roleName(role: string): string {
  return (messages.roles as Record<string, string>)[role] ?? role;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return messages.partners.page.none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
