import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Flashbar, { type FlashbarProps } from '@cloudscape-design/components/flashbar';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import Pagination from '@cloudscape-design/components/pagination';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import { messages } from '../../../messages';
import { formatAge, formatTime } from '../../../lib/format';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { LocalTime } from '../../../components/LocalTime';
import { ProblemAlert } from '../../../components/ProblemAlert';
import {
  severities,
  statusFilters,
  useAlertAction,
  useAlerts,
  type Alert,
  type AlertFilters,
  type Severity,
  type StatusFilter,
} from '../api/alerts';
import { usePartnerDirectory } from '../api/performance';
import { SeverityIndicator } from '../components/SeverityIndicator';

const t = messages.performance.inbox;
const statusIndicator = { firing: 'error', acknowledged: 'in-progress', resolved: 'success' } as const;

/** The filters live in the URL (`/alerts?severity=critical&status=open&partner=<id>`), so any screen can link here. */
export function alertFiltersOf(search: URLSearchParams, vendor: boolean): Omit<AlertFilters, 'cursor'> {
  const severity = search.get('severity');
  const status = search.get('status');
  const partner = search.get('partner');
  return {
    severity: (severities as readonly string[]).includes(severity ?? '') ? (severity as Severity) : undefined,
    status: (statusFilters as readonly string[]).includes(status ?? '') ? (status as StatusFilter) : 'open',
    partnerId: vendor && partner ? partner : undefined,
  };
}

/**
 * The alert inbox: every partner's alerts for the vendor, the own partner's for a partner person; filters in the
 * URL; acknowledge (vendor, partner administrators) and resolve with a note (vendor) one alert or several; polled,
 * so a new alert appears without a reload.
 */
export default function AlertInboxPage({ session, search }: { session: Session; search: URLSearchParams }) {
  const vendor = isVendor(session);
  const filters = alertFiltersOf(search, vendor);
  const filterKey = JSON.stringify(filters);
  // Cursor pagination: the cursors of the pages seen so far; a change of filters starts again at page 1.
  const [paging, setPaging] = useState({ key: filterKey, cursors: [undefined] as (string | undefined)[], index: 0 });
  const page = paging.key === filterKey ? paging : { key: filterKey, cursors: [undefined], index: 0 };
  const alerts = useAlerts(session, { ...filters, cursor: page.cursors[page.index] });
  const directory = usePartnerDirectory(vendor);
  const partners = new Map((directory.data?.items ?? []).map((p) => [p.id, p]));
  const action = useAlertAction();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [flash, setFlash] = useState<FlashbarProps.MessageDefinition[]>([]);
  const [resolving, setResolving] = useState<Alert[] | undefined>();

  const items = alerts.data?.items ?? [];
  const selected = items.filter((a) => selectedIds.includes(a.id));
  const canAcknowledge = vendor || session.role === 'partner-admin';
  const canResolve = vendor;
  const nextCursor = alerts.data?.nextCursor;

  const setFilter = (change: Partial<Record<'severity' | 'status' | 'partner', string | undefined>>) => {
    const next = {
      severity: filters.severity,
      status: filters.status === 'open' ? undefined : filters.status,
      partner: filters.partnerId,
      ...change,
    };
    setSelectedIds([]);
    navigate(withQuery('/alerts', next), { replace: true });
  };

  const run = (list: Alert[], kind: 'acknowledge' | 'resolve', note?: string) =>
    action.mutate(
      { alerts: list, action: kind, ...(note ? { note } : {}) },
      {
        onSuccess: ({ done }) => {
          setSelectedIds([]);
          setResolving(undefined);
          if (done > 0)
            setFlash([
              {
                type: 'success',
                id: 'done',
                content: kind === 'acknowledge' ? t.acknowledged(done) : t.resolved(done),
                dismissible: true,
                dismissLabel: t.dismiss,
                onDismiss: () => setFlash([]),
              },
            ]);
        },
      },
    );
  const failure = action.data?.error ?? (action.isError ? action.error : undefined);

  const severityOptions: SelectProps.Option[] = [
    { value: '', label: t.allSeverities },
    ...severities.map((s) => ({ value: s, label: messages.performance.severity[s] })),
  ];
  const statusOptions: SelectProps.Option[] = statusFilters.map((s) => ({ value: s, label: t.statusOptions[s] }));
  const partnerOptions: SelectProps.Option[] = [
    { value: '', label: t.allPartners },
    ...(directory.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  const pick = (options: SelectProps.Option[], value: string | undefined) =>
    options.find((o) => o.value === (value ?? '')) ?? options[0]!;

  const filtered = !!(filters.severity || filters.partnerId || filters.status !== 'open');

  return (
    <SpaceBetween size="l">
      <Flashbar items={flash} />
      <Table<Alert>
        variant="full-page"
        trackBy="id"
        items={items}
        loading={alerts.isPending}
        loadingText={messages.common.loading}
        selectionType={canAcknowledge ? 'multi' : undefined}
        selectedItems={selected}
        onSelectionChange={({ detail }) => setSelectedIds(detail.selectedItems.map((a) => a.id))}
        isItemDisabled={(a) => a.status === 'resolved'}
        ariaLabels={{
          selectionGroupLabel: t.selectionGroup,
          allItemsSelectionLabel: () => t.selectAll,
          itemSelectionLabel: (_state, a) => t.selectAlert(a.metric),
        }}
        header={
          <SpaceBetween size="m">
            <Header
              variant="h1"
              counter={alerts.data ? `(${items.length}${nextCursor ? '+' : ''})` : undefined}
              description={vendor ? t.vendorDescription : t.partnerDescription}
              info={
                alerts.dataUpdatedAt ? (
                  <Box variant="small">{messages.common.updatedAt(formatTime(alerts.dataUpdatedAt))}</Box>
                ) : undefined
              }
              actions={
                canAcknowledge ? (
                  <SpaceBetween direction="horizontal" size="xs">
                    <Button
                      disabled={!selected.some((a) => a.status === 'firing')}
                      loading={action.isPending && !resolving}
                      onClick={() =>
                        run(
                          selected.filter((a) => a.status === 'firing'),
                          'acknowledge',
                        )
                      }
                    >
                      {t.acknowledge}
                    </Button>
                    {canResolve && (
                      <Button
                        variant="primary"
                        disabled={!selected.some((a) => a.status !== 'resolved')}
                        onClick={() => setResolving(selected.filter((a) => a.status !== 'resolved'))}
                      >
                        {t.resolve}
                      </Button>
                    )}
                  </SpaceBetween>
                ) : undefined
              }
            >
              {t.title}
            </Header>
            {failure !== undefined && !resolving ? (
              <ProblemAlert error={failure} onReload={() => void alerts.refetch()} />
            ) : null}
            {alerts.isError ? <ProblemAlert error={alerts.error} /> : null}
          </SpaceBetween>
        }
        filter={
          <SpaceBetween direction="horizontal" size="m">
            <FormField label={t.severity}>
              <Select
                selectedOption={pick(severityOptions, filters.severity)}
                options={severityOptions}
                onChange={({ detail }) => setFilter({ severity: detail.selectedOption.value || undefined })}
              />
            </FormField>
            <FormField label={t.status}>
              <Select
                selectedOption={pick(statusOptions, filters.status)}
                options={statusOptions}
                onChange={({ detail }) =>
                  setFilter({
                    status: detail.selectedOption.value === 'open' ? undefined : detail.selectedOption.value,
                  })
                }
              />
            </FormField>
            {vendor && (
              <FormField label={t.partner}>
                <Select
                  selectedOption={pick(partnerOptions, filters.partnerId)}
                  options={partnerOptions}
                  statusType={directory.isPending ? 'loading' : 'finished'}
                  loadingText={messages.common.loading}
                  filteringType="auto"
                  onChange={({ detail }) => setFilter({ partner: detail.selectedOption.value || undefined })}
                />
              </FormField>
            )}
          </SpaceBetween>
        }
        pagination={
          <Pagination
            currentPageIndex={page.index + 1}
            pagesCount={page.cursors.length}
            openEnd={!!nextCursor}
            ariaLabels={t.pagination}
            onChange={({ detail }) => {
              const index = detail.currentPageIndex - 1;
              const cursors = [...page.cursors];
              if (index === cursors.length && nextCursor) cursors.push(nextCursor);
              if (index < cursors.length) setPaging({ key: filterKey, cursors, index });
            }}
            onNextPageClick={({ detail }) => {
              if (!detail.requestedPageAvailable && nextCursor)
                setPaging({ key: filterKey, cursors: [...page.cursors, nextCursor], index: page.index + 1 });
            }}
          />
        }
        empty={
          <Box textAlign="center" color="inherit">
            <b>{t.empty}</b>
            <Box variant="p" color="inherit">
              {filtered ? t.emptyDetail : t.emptyOpen}
            </Box>
            {filtered && <Button onClick={() => navigate('/alerts', { replace: true })}>{t.clearFilters}</Button>}
          </Box>
        }
        columnDefinitions={[
          {
            id: 'severity',
            header: t.severity,
            minWidth: 115,
            cell: (a) => <SeverityIndicator severity={a.severity} />,
          },
          ...(vendor
            ? [
                {
                  id: 'partner',
                  header: t.partner,
                  minWidth: 130,
                  cell: (a: Alert) => (a.partnerId ? (partners.get(a.partnerId)?.name ?? a.partnerId) : t.program),
                },
              ]
            : []),
          {
            id: 'metric',
            header: t.metric,
            isRowHeader: true,
            cell: (a) =>
              a.partnerId ? (
                <Link href={`/partners/${a.partnerId}/slas/${a.slaId}`} onFollow={followLink}>
                  {a.metric}
                </Link>
              ) : (
                a.metric
              ),
          },
          { id: 'detail', header: t.detail, cell: (a) => a.detail, minWidth: 200 },
          {
            id: 'status',
            header: t.status,
            minWidth: 110,
            cell: (a) => (
              <StatusIndicator type={statusIndicator[a.status]}>
                {messages.performance.alertStatus[a.status]}
              </StatusIndicator>
            ),
          },
          {
            id: 'firstSeen',
            header: t.firstSeen,
            minWidth: 190,
            cell: (a) => (
              <div>
                <Box fontWeight="bold">{formatAge(a.firstSeen)}</Box>
                <LocalTime
                  at={a.firstSeen}
                  partnerTimeZone={vendor && a.partnerId ? partners.get(a.partnerId)?.timezone : undefined}
                />
              </div>
            ),
          },
        ]}
        wrapLines
      />
      {resolving && (
        <ResolveModal
          alerts={resolving}
          pending={action.isPending}
          error={resolving ? failure : undefined}
          onCancel={() => {
            setResolving(undefined);
            action.reset();
          }}
          onResolve={(note) => run(resolving, 'resolve', note)}
        />
      )}
    </SpaceBetween>
  );
}

function ResolveModal(props: {
  alerts: Alert[];
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onResolve: (note: string) => void;
}) {
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const missing = note.trim() === '';
  const count = props.alerts.length;
  return (
    <Modal
      visible
      onDismiss={props.onCancel}
      header={t.resolveTitle(count)}
      closeAriaLabel={t.cancel}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={props.onCancel}>
              {t.cancel}
            </Button>
            <Button
              variant="primary"
              loading={props.pending}
              onClick={() => {
                setTried(true);
                if (!missing) props.onResolve(note.trim());
              }}
            >
              {t.resolve}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">{t.resolveExplain}</Box>
        {props.error !== undefined && <ProblemAlert error={props.error} />}
        <FormField label={t.note} description={t.noteHint} errorText={tried && missing ? t.noteRequired : undefined}>
          <Textarea value={note} onChange={({ detail }) => setNote(detail.value)} rows={3} />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
