import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CollectionPreferences from '@cloudscape-design/components/collection-preferences';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { messages } from '../../../messages';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePartnerList, type PartnerQuery } from '../api/use-partner-lists';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import { CursorPagination } from '../../../components/CursorPagination';
import { StatusBadge } from '../components/StatusBadge';
import { countryChoices, countryName, optionsOf } from '../components/choices';

const t = messages.partners;
const PAGE_SIZES = [10, 20, 50];

/**
 * The vendor's partner list. Every filter lives in the address (`/partners?status=onboarding&country=DE&q=nord`),
 * so the dashboard and other screens can link to a filtered list and the back button restores it.
 */
export default function PartnersListPage({ search }: { search: URLSearchParams }) {
  const filters = readFilters(search);
  const query: PartnerQuery = { ...filters.api, limit: filters.size };
  const key = JSON.stringify(query);
  const pages = useCursorPages(key);
  const list = usePartnerList({ ...query, ...(pages.cursor ? { cursor: pages.cursor } : {}) });
  const [text, setText] = useState(filters.api.q ?? '');
  const items = list.data?.items ?? [];
  const more = Boolean(list.data?.nextCursor);
  const filtered = Object.values(filters.api).some((v) => v !== undefined && v !== 'asc');
  const byRegistration = Boolean(filters.api.status && !filters.api.q);

  const set = (changes: Record<string, string | undefined>) =>
    navigate(withQuery('/partners', { ...filters.url, ...changes }), { replace: true });

  return (
    <Table
      variant="full-page"
      header={
        <Header
          variant="h1"
          counter={list.data ? `(${formatNumber(items.length)}${more || pages.page > 1 ? '+' : ''})` : undefined}
          description={byRegistration ? t.descriptionByStatus : t.description}
          actions={
            <Button variant="primary" href="/partners/new" onFollow={followLink}>
              {t.register}
            </Button>
          }
        >
          {t.title}
        </Header>
      }
      items={items}
      loading={list.isPending}
      loadingText={messages.common.loading}
      trackBy="id"
      sortingColumn={{ sortingField: 'name' }}
      sortingDescending={filters.api.order === 'desc'}
      sortingDisabled={byRegistration}
      onSortingChange={({ detail }) => set({ order: detail.isDescending ? 'desc' : undefined })}
      filter={
        <SpaceBetween size="s" direction="horizontal" alignItems="end">
          <TextFilter
            filteringText={text}
            filteringPlaceholder={t.list.filterPlaceholder}
            filteringAriaLabel={t.list.filterLabel}
            filteringClearAriaLabel={t.list.clearFilters}
            onChange={({ detail }) => setText(detail.filteringText)}
            onDelayedChange={({ detail }) => set({ q: detail.filteringText.trim() || undefined })}
            countText={list.data ? t.list.matches(formatNumber(items.length)) : undefined}
          />
          <FilterSelect
            label={t.list.statusFilter}
            any={t.list.anyStatus}
            value={filters.api.status}
            options={optionsOf(t.status)}
            onChange={(status) => set({ status })}
          />
          <FilterSelect
            label={t.list.kindFilter}
            any={t.list.anyKind}
            value={filters.api.kind}
            options={optionsOf(t.kind)}
            onChange={(kind) => set({ kind })}
          />
          <FilterSelect
            label={t.list.tierFilter}
            any={t.list.anyTier}
            value={filters.api.tier}
            options={optionsOf(t.tier)}
            onChange={(tier) => set({ tier })}
          />
          <FilterSelect
            label={t.list.countryFilter}
            any={t.list.anyCountry}
            value={filters.api.country}
            options={countryChoices()}
            filtering
            onChange={(country) => set({ country })}
          />
          {filtered && (
            <Button
              onClick={() => {
                setText('');
                navigate('/partners', { replace: true });
              }}
            >
              {t.list.clearFilters}
            </Button>
          )}
        </SpaceBetween>
      }
      pagination={
        <CursorPagination
          pages={pages}
          nextCursor={list.isPlaceholderData ? undefined : list.data?.nextCursor}
          disabled={list.isFetching}
        />
      }
      preferences={
        <CollectionPreferences
          title={t.list.preferences}
          confirmLabel={t.list.confirm}
          cancelLabel={t.list.cancel}
          preferences={{ pageSize: filters.size }}
          pageSizePreference={{
            title: t.list.pageSize,
            options: PAGE_SIZES.map((value) => ({ value, label: t.list.pageSizeOption(value) })),
          }}
          onConfirm={({ detail }) =>
            set({ size: detail.pageSize && detail.pageSize !== 20 ? String(detail.pageSize) : undefined })
          }
        />
      }
      empty={
        list.isError ? (
          <ProblemAlert error={list.error} />
        ) : (
          <Box textAlign="center" color="inherit">
            <SpaceBetween size="xxs">
              <b>{filtered ? t.list.empty : t.list.none}</b>
              <Box variant="p" color="inherit">
                {filtered ? t.list.emptyDetail : t.list.noneDetail}
              </Box>
              {filtered ? (
                <Button onClick={() => navigate('/partners', { replace: true })}>{t.list.clearFilters}</Button>
              ) : (
                <Button href="/partners/new" onFollow={followLink}>
                  {t.register}
                </Button>
              )}
            </SpaceBetween>
          </Box>
        )
      }
      columnDefinitions={[
        {
          id: 'name',
          header: t.list.name,
          sortingField: 'name',
          isRowHeader: true,
          cell: (p) => (
            <Link href={`/partners/${encodeURIComponent(p.id)}`} onFollow={followLink}>
              {p.name}
            </Link>
          ),
        },
        { id: 'status', header: t.page.status, cell: (p) => <StatusBadge status={p.status} /> },
        { id: 'kind', header: t.page.kind, cell: (p) => t.kind[p.kind] },
        { id: 'tier', header: t.page.tier, cell: (p) => t.tier[p.tier] },
        { id: 'country', header: t.list.country, cell: (p) => countryName(p.country) },
        {
          id: 'since',
          header: t.list.since,
          cell: (p) => <time dateTime={p.statusChangedAt}>{formatDateTime(p.statusChangedAt)}</time>,
        },
      ]}
    />
  );
}

function FilterSelect<K extends string>(props: {
  label: string;
  any: string;
  value: K | undefined;
  options: { value: K | string; label: string; description?: string }[];
  filtering?: boolean;
  onChange: (value: K | undefined) => void;
}) {
  const anyOption: SelectProps.Option = { value: '', label: props.any };
  const options: SelectProps.Option[] = [anyOption, ...props.options];
  const selected = options.find((o) => o.value === (props.value ?? '')) ?? anyOption;
  return (
    <div style={{ minWidth: 160 }}>
      <Select
        selectedOption={selected}
        options={options}
        ariaLabel={props.label}
        inlineLabelText={props.label}
        filteringType={props.filtering ? 'auto' : 'none'}
        filteringAriaLabel={props.label}
        onChange={({ detail }) => props.onChange((detail.selectedOption.value || undefined) as K | undefined)}
      />
    </div>
  );
}

type Enum<K extends keyof PartnerQuery> = NonNullable<PartnerQuery[K]>;

/** The list's state from the address; values the API would refuse are ignored rather than shown as an error. */
function readFilters(search: URLSearchParams) {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const value = search.get(key) ?? undefined;
    return allowed.includes(value as T) ? (value as T) : undefined;
  };
  const country = search.get('country')?.toUpperCase();
  const q = search.get('q')?.trim() || undefined;
  const sizeParam = Number(search.get('size'));
  const size = PAGE_SIZES.includes(sizeParam) ? sizeParam : 20;
  const api = {
    status: pick<Enum<'status'>>('status', Object.keys(t.status) as Enum<'status'>[]),
    kind: pick<Enum<'kind'>>('kind', Object.keys(t.kind) as Enum<'kind'>[]),
    tier: pick<Enum<'tier'>>('tier', Object.keys(t.tier) as Enum<'tier'>[]),
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    q,
    order: pick<'asc' | 'desc'>('order', ['asc', 'desc']),
  };
  const url: Record<string, string | undefined> = { ...api, size: size === 20 ? undefined : String(size) };
  return { api: Object.fromEntries(Object.entries(api).filter(([, v]) => v !== undefined)) as typeof api, url, size };
}
