import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDate, formatNumber } from '../../../lib/format';
import type { TermsInput } from '../api/agreements';
import { inUnit, renewalText, tierText, windowText } from './terms-diff';

const t = messages.agreements.terms;

/** One version's terms, read-only, in the same sections as the editor. */
export function TermsView({ terms }: { terms: TermsInput }) {
  const share = terms.revenueShare;
  const list = (items: string[] | undefined) =>
    items?.length ? (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    ) : (
      <Box color="text-status-inactive">{t.noObligations}</Box>
    );
  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h3">{t.obligations}</Header>}>
        <ColumnLayout columns={2} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">{t.vendorObligations}</Box>
            {list(terms.obligations.vendor)}
          </div>
          <div>
            <Box variant="awsui-key-label">{t.partnerObligations}</Box>
            {list(terms.obligations.partner)}
          </div>
        </ColumnLayout>
      </Container>
      <Container header={<Header variant="h3">{t.revenueShare}</Header>}>
        {!share ? (
          <Box>{t.models.none}</Box>
        ) : share.model === 'flat' ? (
          <KeyValuePairs
            columns={3}
            items={[
              { label: t.model, value: t.models.flat },
              { label: t.percentage, value: formatNumber(share.percentage) },
              { label: t.currency, value: share.currency },
            ]}
          />
        ) : (
          <SpaceBetween size="s">
            <KeyValuePairs
              columns={3}
              items={[
                { label: t.model, value: t.models.tiered },
                { label: t.basis, value: t.bases[share.basis] },
                { label: t.currency, value: share.currency },
              ]}
            />
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {share.tiers.map((tier, i) => (
                <li key={i}>{tierText(tier)}</li>
              ))}
            </ul>
          </SpaceBetween>
        )}
      </Container>
      <Table
        variant="container"
        header={
          <Header variant="h3" description={t.slasDescription}>
            {t.slas}
          </Header>
        }
        items={terms.slas ?? []}
        empty={<Box textAlign="center">{t.noSlas}</Box>}
        columnDefinitions={[
          { id: 'metric', header: t.metric, cell: (s) => s.metric, isRowHeader: true },
          { id: 'kind', header: t.slaKind, cell: (s) => t.slaKindShort[s.kind] },
          {
            id: 'rule',
            header: t.target,
            cell: (s) =>
              s.kind === 'threshold'
                ? `${t.aggregates[s.aggregate ?? 'avg']} ${t.comparators[s.comparator]} ${formatNumber(s.target)}`
                : s.kind === 'ratio'
                  ? `${t.comparators['>=']} ${formatNumber(s.target)} %`
                  : '—',
          },
          { id: 'window', header: t.window, cell: (s) => windowText(s.window) },
          { id: 'severity', header: t.severity, cell: (s) => t.severities[s.severity] },
        ]}
      />
      <Container header={<Header variant="h3">{t.dates}</Header>}>
        <KeyValuePairs
          columns={4}
          items={[
            { label: t.effectiveDate, value: formatDate(terms.effectiveDate) },
            { label: t.termMonths, value: inUnit(terms.termMonths, 'month') },
            { label: t.renewal, value: renewalText(terms.renewal) },
            { label: t.noticeDays, value: inUnit(terms.terminationNoticeDays, 'day') },
            { label: t.territory, value: terms.territory?.length ? terms.territory.join(', ') : t.everywhere },
          ]}
        />
      </Container>
      <Container header={<Header variant="h3">{t.clauses}</Header>}>
        {terms.clauses?.length ? (
          <SpaceBetween size="xs">
            {terms.clauses.map((clause) => (
              <ExpandableSection key={clause.title} headerText={clause.title}>
                <Box variant="p">{clause.text}</Box>
              </ExpandableSection>
            ))}
          </SpaceBetween>
        ) : (
          <Box color="text-status-inactive">{t.noClauses}</Box>
        )}
      </Container>
    </SpaceBetween>
  );
}
