import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDate, formatDateTime } from '../../../lib/format';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { CursorPagination } from '../../../components/CursorPagination';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import {
  agreementStatuses,
  usePartnerNames,
  useProgramAgreements,
  type Agreement,
  type AgreementStatus,
} from '../api/agreements';
import { statusIndicator } from '../components/status';

const t = messages.agreements;

/**
 * The program's agreements (a partner person's own), newest first, filtered by status and partner through the URL
 * (`/agreements?status=negotiating&partnerId=...`), so any screen can link to a filtered list. Pages follow the API's
 * cursors: the cursors seen so far make the previous pages.
 */
export default function AgreementsListPage({ search, session }: { search: URLSearchParams; session: Session }) {
  const vendor = isVendor(session);
  const status = (agreementStatuses as readonly string[]).includes(search.get('status') ?? '')
    ? (search.get('status') as AgreementStatus)
    : undefined;
  const partnerId = vendor ? (search.get('partnerId') ?? undefined) : undefined;
  const [choosing, setChoosing] = useState(false);
  const filter = { ...(status ? { status } : {}), ...(partnerId ? { partnerId } : {}) };
  // A cursor belongs to one query: other filters start again at page 1.
  const pages = useCursorPages(JSON.stringify(filter));
  const agreements = useProgramAgreements(filter, pages.cursor);
  const partners = usePartnerNames(vendor);
  const names = new Map((partners.data ?? []).map((p) => [p.id, p.name]));
  const setFilter = (next: { status?: string | undefined; partnerId?: string | undefined }) =>
    navigate(withQuery('/agreements', { status, partnerId, ...next }));

  const statusOptions = [
    { value: '', label: t.list.anyStatus },
    ...agreementStatuses.map((s) => ({ value: s, label: t.status[s] })),
  ];
  const partnerOptions = [
    { value: '', label: t.list.anyPartner },
    ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  const filtered = Boolean(status || partnerId);
  const create = () =>
    partnerId ? navigate(`/partners/${encodeURIComponent(partnerId)}/agreements/new`) : setChoosing(true);

  return (
    <>
      <Table
        variant="full-page"
        header={
          <Header
            variant="h1"
            description={vendor ? t.list.descriptionVendor : t.list.descriptionPartner}
            actions={
              vendor ? (
                <Button variant="primary" onClick={create}>
                  {t.list.create}
                </Button>
              ) : undefined
            }
          >
            {t.list.title}
          </Header>
        }
        loading={agreements.isPending}
        loadingText={messages.common.loading}
        items={agreements.data?.items ?? []}
        trackBy="id"
        filter={
          <SpaceBetween size="m" direction="horizontal">
            <FormField label={t.list.status}>
              <Select
                selectedOption={statusOptions.find((o) => o.value === (status ?? '')) ?? null}
                options={statusOptions}
                onChange={({ detail }) => setFilter({ status: detail.selectedOption.value || undefined })}
              />
            </FormField>
            {vendor && (
              <FormField label={t.list.partner}>
                <Select
                  selectedOption={
                    partnerOptions.find((o) => o.value === (partnerId ?? '')) ?? {
                      value: partnerId ?? '',
                      label: partnerId ?? '',
                    }
                  }
                  options={partnerOptions}
                  statusType={partners.isPending ? 'loading' : 'finished'}
                  loadingText={messages.common.loading}
                  filteringType="auto"
                  onChange={({ detail }) => setFilter({ partnerId: detail.selectedOption.value || undefined })}
                />
              </FormField>
            )}
          </SpaceBetween>
        }
        pagination={
          <CursorPagination
            pages={pages}
            nextCursor={agreements.isPlaceholderData ? undefined : agreements.data?.nextCursor}
          />
        }
        empty={
          agreements.isError ? (
            <ProblemAlert error={agreements.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <SpaceBetween size="s">
                <b>{t.list.empty}</b>
                {filtered && <Box variant="p">{t.list.emptyFiltered}</Box>}
                {filtered && <Button onClick={() => navigate('/agreements')}>{t.list.clearFilters}</Button>}
              </SpaceBetween>
            </Box>
          )
        }
        wrapLines
        columnDefinitions={[
          {
            id: 'title',
            header: t.list.agreement,
            isRowHeader: true,
            cell: (a) => (
              <Link
                href={`/partners/${encodeURIComponent(a.partnerId)}/agreements/${encodeURIComponent(a.id)}`}
                onFollow={followLink}
              >
                {a.title}
              </Link>
            ),
          },
          ...(vendor
            ? [
                {
                  id: 'partner',
                  header: t.list.partner,
                  cell: (a: Agreement) => names.get(a.partnerId) ?? '…',
                },
              ]
            : []),
          { id: 'kind', header: t.list.kind, cell: (a) => t.kind[a.kind] },
          {
            id: 'status',
            header: t.list.status,
            minWidth: 160,
            cell: (a) => (
              <StatusIndicator type={statusIndicator[a.status]} wrapText={false}>
                {t.status[a.status]}
              </StatusIndicator>
            ),
          },
          { id: 'version', header: t.list.version, cell: (a) => a.activeVersion ?? a.currentVersion },
          {
            id: 'effective',
            header: t.list.effective,
            cell: (a) => (a.effectiveAt ? formatDate(a.effectiveAt.slice(0, 10)) : '—'),
          },
          {
            id: 'expires',
            header: t.list.expires,
            cell: (a) => (a.expiresAt ? formatDate(a.expiresAt.slice(0, 10)) : '—'),
          },
          { id: 'updated', header: t.list.updated, cell: (a) => formatDateTime(a.updatedAt), minWidth: 190 },
        ]}
      />
      {choosing && (
        <ChoosePartner
          options={partnerOptions.slice(1)}
          onClose={() => setChoosing(false)}
          onChoose={(id) => navigate(`/partners/${encodeURIComponent(id)}/agreements/new`)}
        />
      )}
    </>
  );
}

function ChoosePartner({
  options,
  onClose,
  onChoose,
}: {
  options: { value: string; label: string }[];
  onClose: () => void;
  onChoose: (partnerId: string) => void;
}) {
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  return (
    <Modal
      visible
      closeAriaLabel={messages.agreements.close}
      onDismiss={onClose}
      header={t.list.create}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              {t.list.cancel}
            </Button>
            <Button variant="primary" disabled={!chosen} onClick={() => chosen && onChoose(chosen.value)}>
              {t.list.continue}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <FormField label={t.list.choosePartner}>
        <Select
          selectedOption={chosen}
          options={options}
          filteringType="auto"
          placeholder={t.list.partner}
          onChange={({ detail }) => setChosen(detail.selectedOption as { value: string; label: string })}
        />
      </FormField>
    </Modal>
  );
}
