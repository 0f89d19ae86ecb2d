import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDateTime } from '../../../lib/format';
import { navigate, withQuery } from '../../../lib/router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useVersion, useVersions, type Agreement, type VersionSummary } from '../api/agreements';
import { diffTerms, type Change } from './terms-diff';

const t = messages.agreements.versions;
const side = messages.agreements.side;

// Old and new values marked like a code review: removed text struck on red, added text on green (dark text on a
// light background keeps the contrast axe-core asks for).
const oldStyle = { background: '#ffe5e5', textDecoration: 'line-through', padding: '0 2px', borderRadius: 2 };
const newStyle = { background: '#dcf5dc', textDecoration: 'none', padding: '0 2px', borderRadius: 2 };

/** Every proposal, and a side-by-side comparison of any two (the pair is in the URL, so a link opens it). */
export function VersionsTab({
  agreement: a,
  path,
  search,
}: {
  agreement: Agreement;
  path: string;
  search: URLSearchParams;
}) {
  const versions = useVersions(a.partnerId, a.id);
  const items = versions.data?.items ?? [];
  const latest = a.currentVersion;
  const to = clamp(Number(search.get('to') ?? latest), latest);
  const from = clamp(Number(search.get('from') ?? Math.max(1, to - 1)), latest);
  const pick = (which: 'from' | 'to', n: number) =>
    navigate(
      withQuery(path, {
        tab: 'versions',
        from: String(which === 'from' ? n : from),
        to: String(which === 'to' ? n : to),
      }),
      { replace: true },
    );
  const option = (v: VersionSummary) => ({
    value: String(v.number),
    label: t.option(v.number, side[v.proposedBy.side]),
  });
  const selected = (n: number) => {
    const v = items.find((x) => x.number === n);
    return v ? option(v) : { value: String(n), label: String(n) };
  };

  return (
    <SpaceBetween size="l">
      <Table
        variant="container"
        header={
          <Header variant="h2" description={t.description} counter={`(${items.length})`}>
            {t.title}
          </Header>
        }
        loading={versions.isPending}
        loadingText={messages.common.loading}
        items={[...items].reverse()}
        empty={versions.isError ? <ProblemAlert error={versions.error} /> : undefined}
        columnDefinitions={[
          { id: 'number', header: t.number, cell: (v) => v.number, isRowHeader: true },
          { id: 'summary', header: t.summary, cell: (v) => v.summary },
          {
            id: 'by',
            header: t.proposedBy,
            cell: (v) => (
              <SpaceBetween size="xs" direction="horizontal">
                <span>{side[v.proposedBy.side]}</span>
                {v.counterProposal && <Badge color="blue">{t.counter}</Badge>}
              </SpaceBetween>
            ),
          },
          { id: 'at', header: t.proposedAt, cell: (v) => formatDateTime(v.proposedAt) },
        ]}
      />
      <Container
        header={
          <Header variant="h2" description={t.compareDescription}>
            {t.compare}
          </Header>
        }
      >
        {latest < 2 ? (
          <Box color="text-status-inactive">{t.onlyOne}</Box>
        ) : (
          <SpaceBetween size="l">
            <ColumnLayout columns={2}>
              <FormField label={t.from}>
                <Select
                  selectedOption={selected(from)}
                  options={items.map(option)}
                  onChange={({ detail }) => pick('from', Number(detail.selectedOption.value))}
                />
              </FormField>
              <FormField label={t.to}>
                <Select
                  selectedOption={selected(to)}
                  options={items.map(option)}
                  onChange={({ detail }) => pick('to', Number(detail.selectedOption.value))}
                />
              </FormField>
            </ColumnLayout>
            {from === to ? (
              <Box color="text-status-inactive">{t.same}</Box>
            ) : (
              <Comparison agreement={a} from={from} to={to} label={(n) => selected(n).label} />
            )}
          </SpaceBetween>
        )}
      </Container>
    </SpaceBetween>
  );
}

function clamp(n: number, latest: number): number {
  return Number.isInteger(n) && n >= 1 && n <= latest ? n : latest;
}

function Comparison({
  agreement: a,
  from,
  to,
  label,
}: {
  agreement: Agreement;
  from: number;
  to: number;
  label: (n: number) => string;
}) {
  const before = useVersion(a.partnerId, a.id, from);
  const after = useVersion(a.partnerId, a.id, to);
  if (before.isError || after.isError) return <ProblemAlert error={before.error ?? after.error} />;
  if (!before.data || !after.data) return <Spinner />;
  const changes = diffTerms(before.data.terms, after.data.terms);
  const cell = (c: Change, which: 'from' | 'to') => {
    const value = c[which];
    if (value === undefined) return <Box color="text-status-inactive">{t.empty}</Box>;
    return which === 'from' ? <del style={oldStyle}>{value}</del> : <ins style={newStyle}>{value}</ins>;
  };
  return (
    <Table
      variant="embedded"
      ariaLabels={{ tableLabel: `${label(from)} → ${label(to)}` }}
      items={changes}
      empty={<Box textAlign="center">{t.none}</Box>}
      wrapLines
      columnDefinitions={[
        { id: 'field', header: t.field, cell: (c) => c.label, isRowHeader: true, width: 260 },
        { id: 'change', header: t.change, cell: (c) => t.changes[c.change], width: 110 },
        { id: 'from', header: label(from), cell: (c) => cell(c, 'from') },
        { id: 'to', header: label(to), cell: (c) => cell(c, 'to') },
      ]}
    />
  );
}
