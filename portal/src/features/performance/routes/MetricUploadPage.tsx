import { useState } from 'react';
import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FileUpload from '@cloudscape-design/components/file-upload';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { followLink } from '../../../lib/router';
import { currentSession, isVendor } from '../../../lib/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePartnerOf, useReportMetrics, type RowOutcome } from '../api/performance';
import { batches, CSV_COLUMNS, exampleCsv, readMetricsCsv, type CsvResult, type CsvRow } from '../lib/metrics-csv';

const t = messages.performance.upload;
const PAGE_SIZE = 50;

/**
 * `/partners/:partnerId/metrics/upload`: a partner reports metric points from a CSV file. The file is read and
 * every row checked in the browser; rows with a problem are named by their row number and not sent; the good rows
 * go to the API (500 per request), which records each point whole or not at all and never twice.
 */
export default function MetricUploadPage({ partnerId }: { partnerId: string }) {
  const partner = usePartnerOf(partnerId);
  const report = useReportMetrics(partnerId);
  const [files, setFiles] = useState<File[]>([]);
  const [parsed, setParsed] = useState<CsvResult | undefined>();
  const rows = parsed && 'rows' in parsed ? parsed.rows : [];
  const outcomes = new Map((report.data ?? []).map((o) => [o.row, o]));
  const good = rows.filter((r) => r.point).length;
  const problems = problemsOf(rows, outcomes);
  const session = currentSession();
  const listHref = session && isVendor(session) ? `/performance?partner=${partnerId}` : '/performance';

  const choose = async (chosen: File[]) => {
    setFiles(chosen);
    report.reset();
    const file = chosen[0];
    if (!file) return setParsed(undefined);
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') return setParsed({ fileError: t.notCsv });
    setParsed(readMetricsCsv(await file.text()));
  };

  const { items, collectionProps, paginationProps } = useCollection(rows, {
    pagination: { pageSize: PAGE_SIZE },
  });

  return (
    <ContentLayout
      breadcrumbs={
        <BreadcrumbGroup
          ariaLabel={t.breadcrumbs}
          onFollow={followLink}
          items={[
            { text: messages.performance.slas.title, href: listHref },
            { text: t.title, href: `/partners/${partnerId}/metrics/upload` },
          ]}
        />
      }
      header={
        <Header variant="h1" description={partner.data ? `${partner.data.name} · ${t.description}` : t.description}>
          {t.title}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {partner.isError && <ProblemAlert error={partner.error} />}
        <Container
          header={
            <Header
              variant="h2"
              actions={
                <Button
                  iconName="download"
                  href={`data:text/csv;charset=utf-8,${encodeURIComponent(exampleCsv())}`}
                  download="accord-metrics-example.csv"
                >
                  {t.example}
                </Button>
              }
            >
              {t.file}
            </Header>
          }
        >
          <SpaceBetween size="l">
            <FormField
              label={t.file}
              description={t.fileHint}
              errorText={parsed && 'fileError' in parsed ? parsed.fileError : undefined}
            >
              <FileUpload
                value={files}
                accept=".csv,text/csv"
                showFileSize
                showFileLastModified
                onChange={({ detail }) => void choose(detail.value)}
                constraintText={t.rules}
                i18nStrings={{
                  uploadButtonText: () => t.chooseFile,
                  dropzoneText: () => t.dropFile,
                  removeFileAriaLabel: (_i, name) => t.removeFile(name),
                  errorIconAriaLabel: messages.common.errorTitle,
                  warningIconAriaLabel: messages.common.errorTitle,
                  limitShowFewer: '−',
                  limitShowMore: '+',
                  formatFileSize: (bytes) =>
                    bytes < 1024
                      ? formatNumber(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'long' })
                      : formatNumber(bytes / 1024, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }),
                  formatFileLastModified: (date) => formatDateTime(date.getTime()),
                }}
              />
            </FormField>
            <ExpandableSection headerText={t.columns} defaultExpanded>
              <SpaceBetween size="s">
                <Box variant="p">{t.columnsIntro}</Box>
                <Table
                  variant="embedded"
                  items={[...CSV_COLUMNS]}
                  columnDefinitions={[
                    { id: 'column', header: t.column, cell: (c) => <code>{c}</code>, isRowHeader: true, width: 120 },
                    { id: 'meaning', header: t.meaning, cell: (c) => t.columnDocs[c] },
                  ]}
                  wrapLines
                />
              </SpaceBetween>
            </ExpandableSection>
          </SpaceBetween>
        </Container>

        {report.data && (
          <Alert type={problems.length ? 'warning' : 'success'} header={t.summaryTitle}>
            {t.summary(
              report.data.filter((o) => o.outcome === 'accepted').length,
              report.data.filter((o) => o.outcome === 'duplicate').length,
              problems.length,
            )}
          </Alert>
        )}
        {report.isError && <ProblemAlert error={report.error} />}
        {problems.length > 0 && (
          <Alert type="error" header={t.rowsWithProblems}>
            <ul>
              {problems.slice(0, 20).map((p) => (
                <li key={p.row}>
                  {t.row} {formatNumber(p.row)}: {p.text}
                </li>
              ))}
            </ul>
            {problems.length > 20 && `… ${formatNumber(problems.length - 20)}`}
          </Alert>
        )}

        <Table<CsvRow>
          {...collectionProps}
          trackBy="row"
          items={items}
          header={
            <Header
              variant="h2"
              counter={rows.length ? `(${formatNumber(rows.length)})` : undefined}
              description={rows.length ? t.previewCounts(good, rows.length - good) : undefined}
              actions={
                <Button
                  variant="primary"
                  disabled={good === 0}
                  loading={report.isPending}
                  onClick={() => report.mutate(batches(rows))}
                >
                  {t.send(good)}
                </Button>
              }
            >
              {t.preview}
            </Header>
          }
          pagination={rows.length > PAGE_SIZE ? <Pagination {...paginationProps} /> : undefined}
          empty={<Box textAlign="center">{t.noRows}</Box>}
          columnDefinitions={[
            { id: 'row', header: t.row, cell: (r) => formatNumber(r.row), isRowHeader: true, width: 80 },
            { id: 'metric', header: t.previewColumns.metric, cell: (r) => r.metric || '—' },
            { id: 'at', header: t.previewColumns.at, cell: (r) => (r.point ? formatDateTime(r.at) : r.at || '—') },
            { id: 'reading', header: t.previewColumns.reading, cell: (r) => r.reading || '—' },
            { id: 'result', header: t.result, cell: (r) => <RowResult row={r} outcome={outcomes.get(r.row)} /> },
          ]}
          wrapLines
        />
      </SpaceBetween>
    </ContentLayout>
  );
}

function RowResult({ row, outcome }: { row: CsvRow; outcome: RowOutcome | undefined }) {
  if (row.errors.length) return <StatusIndicator type="error">{row.errors.join('; ')}</StatusIndicator>;
  if (!outcome) return <StatusIndicator type="pending">{t.ready}</StatusIndicator>;
  switch (outcome.outcome) {
    case 'accepted':
      return <StatusIndicator type="success">{t.accepted}</StatusIndicator>;
    case 'duplicate':
      return <StatusIndicator type="info">{t.duplicate}</StatusIndicator>;
    case 'rejected':
      return <StatusIndicator type="error">{t.rejectedByApi(outcome.reason ?? '')}</StatusIndicator>;
    case 'not-sent':
      return <StatusIndicator type="error">{`${t.notSent}: ${outcome.reason ?? ''}`}</StatusIndicator>;
  }
}

/** Every row that was not recorded, with why: found in the file, refused by the API, or not sent at all. */
function problemsOf(rows: CsvRow[], outcomes: Map<number, RowOutcome>): { row: number; text: string }[] {
  return rows.flatMap((r) => {
    if (r.errors.length) return [{ row: r.row, text: r.errors.join('; ') }];
    const o = outcomes.get(r.row);
    if (o?.outcome === 'rejected') return [{ row: r.row, text: t.rejectedByApi(o.reason ?? '') }];
    if (o?.outcome === 'not-sent') return [{ row: r.row, text: `${t.notSent}: ${o.reason ?? ''}` }];
    return [];
  });
}
