import { useState } from 'react';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import { messages } from '../../../messages';
import { formatDate, formatNumber } from '../../../lib/format';
import { navigate, withQuery } from '../../../lib/router';
import { ProblemAlert, fieldError } from '../../../components/ProblemAlert';
import { newIdempotencyKey, useRisks, useSaveRisk, type Agreement, type Risk } from '../api/agreements';
import { Choice } from './TermsForm';
import { RiskMatrix, bandOf } from './RiskMatrix';

const t = messages.agreements.risks;
const statusType = { open: 'warning', mitigating: 'in-progress', closed: 'stopped' } as const;
const levelLabels = (names: Record<number, string>) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((l) => [String(l), `${l} ${names[l]}`])) as Record<
    '1' | '2' | '3' | '4' | '5',
    string
  >;

/** The partnership's risk register: the likelihood x impact matrix, the list it filters, add and edit. */
export function RisksTab({
  agreement: a,
  path,
  search,
}: {
  agreement: Agreement;
  path: string;
  search: URLSearchParams;
}) {
  const risks = useRisks(a.partnerId);
  const [editing, setEditing] = useState<Risk | 'new'>();
  const likelihood = Number(search.get('likelihood'));
  const impact = Number(search.get('impact'));
  const cell = likelihood >= 1 && likelihood <= 5 && impact >= 1 && impact <= 5 ? { likelihood, impact } : undefined;
  const all = risks.data?.items ?? [];
  const shown = cell ? all.filter((r) => r.likelihood === cell.likelihood && r.impact === cell.impact) : all;
  const select = (next: { likelihood: number; impact: number } | undefined) =>
    navigate(
      withQuery(path, {
        tab: 'risks',
        likelihood: next ? String(next.likelihood) : undefined,
        impact: next ? String(next.impact) : undefined,
      }),
      { replace: true },
    );

  return (
    <SpaceBetween size="l">
      <Container
        header={
          <Header variant="h2" description={t.description}>
            {t.matrix}
          </Header>
        }
      >
        {risks.isError ? (
          <ProblemAlert error={risks.error} />
        ) : (
          <RiskMatrix risks={all} selected={cell} onSelect={select} />
        )}
      </Container>
      <Table
        variant="container"
        header={
          <Header
            variant="h2"
            counter={`(${shown.length})`}
            description={cell ? t.filtered(cell.likelihood, cell.impact) : undefined}
            actions={
              <SpaceBetween size="xs" direction="horizontal">
                {cell && <Button onClick={() => select(undefined)}>{t.showAll}</Button>}
                <Button variant="primary" onClick={() => setEditing('new')}>
                  {t.add}
                </Button>
              </SpaceBetween>
            }
          >
            {t.title}
          </Header>
        }
        loading={risks.isPending}
        loadingText={messages.common.loading}
        items={[...shown].sort((x, y) => y.score - x.score)}
        empty={<Box textAlign="center">{cell ? t.emptyCell : t.empty}</Box>}
        wrapLines
        columnDefinitions={[
          {
            id: 'title',
            header: t.risk,
            isRowHeader: true,
            cell: (r) => (
              <SpaceBetween size="xxs">
                <span>{r.title}</span>
                {r.agreementId === a.id && <Badge>{t.linked}</Badge>}
              </SpaceBetween>
            ),
          },
          { id: 'category', header: t.category, cell: (r) => t.categories[r.category] },
          {
            id: 'score',
            header: t.score,
            cell: (r) => {
              const band = bandOf(r.score);
              return (
                <span
                  style={{ background: band.background, color: band.color, padding: '2px 8px', borderRadius: 10 }}
                  title={`${r.likelihood} × ${r.impact}`}
                >
                  {formatNumber(r.score)}
                </span>
              );
            },
          },
          {
            id: 'status',
            header: t.status,
            minWidth: 140,
            cell: (r) => (
              <StatusIndicator type={statusType[r.status]} wrapText={false}>
                {t.statuses[r.status]}
              </StatusIndicator>
            ),
          },
          {
            id: 'owner',
            header: t.owner,
            cell: (r) => [messages.agreements.side[r.ownerSide], r.owner].filter(Boolean).join(': '),
          },
          { id: 'mitigation', header: t.mitigation, cell: (r) => r.mitigation ?? '—' },
          { id: 'review', header: t.review, cell: (r) => (r.reviewDate ? formatDate(r.reviewDate) : '—') },
          {
            id: 'edit',
            header: t.edit,
            // Room for the word: a narrow column broke "Edit" over two lines.
            minWidth: 72,
            cell: (r) => (
              <Button variant="inline-link" ariaLabel={t.editTitle(r.title)} onClick={() => setEditing(r)}>
                {t.edit}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <RiskModal
          agreement={a}
          risk={editing === 'new' ? undefined : editing}
          initialCell={cell}
          onClose={() => setEditing(undefined)}
          onReload={() => void risks.refetch()}
        />
      )}
    </SpaceBetween>
  );
}

interface RiskDraft {
  title: string;
  category: Risk['category'];
  description: string;
  likelihood: '1' | '2' | '3' | '4' | '5';
  impact: '1' | '2' | '3' | '4' | '5';
  ownerSide: Risk['ownerSide'];
  owner: string;
  mitigation: string;
  reviewDate: string;
  status: Risk['status'];
}

function RiskModal({
  agreement: a,
  risk,
  initialCell,
  onClose,
  onReload,
}: {
  agreement: Agreement;
  risk: Risk | undefined;
  initialCell: { likelihood: number; impact: number } | undefined;
  onClose: () => void;
  onReload: () => void;
}) {
  const save = useSaveRisk(a.partnerId);
  const [key] = useState(newIdempotencyKey);
  const [d, setD] = useState<RiskDraft>(() => ({
    title: risk?.title ?? '',
    category: risk?.category ?? 'supply',
    description: risk?.description ?? '',
    likelihood: String(risk?.likelihood ?? initialCell?.likelihood ?? 3) as RiskDraft['likelihood'],
    impact: String(risk?.impact ?? initialCell?.impact ?? 3) as RiskDraft['impact'],
    ownerSide: risk?.ownerSide ?? 'vendor',
    owner: risk?.owner ?? '',
    mitigation: risk?.mitigation ?? '',
    reviewDate: risk?.reviewDate ?? '',
    status: risk?.status ?? 'open',
  }));
  const set = <K extends keyof RiskDraft>(k: K, v: RiskDraft[K]) => setD({ ...d, [k]: v });
  const fe = (field: string) => fieldError(save.error, `body.${field}`);
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const submit = () => {
    const fields = {
      title: d.title.trim(),
      category: d.category,
      likelihood: Number(d.likelihood),
      impact: Number(d.impact),
      ownerSide: d.ownerSide,
      ...(optional(d.description) ? { description: optional(d.description) } : {}),
      ...(optional(d.owner) ? { owner: optional(d.owner) } : {}),
      ...(optional(d.mitigation) ? { mitigation: optional(d.mitigation) } : {}),
      ...(d.reviewDate ? { reviewDate: d.reviewDate } : {}),
    };
    save.mutate(
      risk
        ? { riskId: risk.id, version: risk.version, update: { ...fields, status: d.status } }
        : { create: { ...fields, agreementId: a.id }, key },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      visible
      closeAriaLabel={messages.agreements.close}
      size="medium"
      onDismiss={onClose}
      header={risk ? t.editTitle(risk.title) : t.addTitle}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              {t.cancel}
            </Button>
            <Button variant="primary" loading={save.isPending} onClick={submit}>
              {t.save}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {save.isError && (
          <ProblemAlert
            error={save.error}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
        )}
        <FormField label={t.risk} errorText={fe('title')} stretch>
          <Input value={d.title} onChange={({ detail }) => set('title', detail.value)} />
        </FormField>
        <ColumnLayout columns={2}>
          <FormField label={t.category} errorText={fe('category')}>
            <Choice value={d.category} labels={t.categories} onChange={(v) => set('category', v)} />
          </FormField>
          {risk ? (
            <FormField label={t.status} errorText={fe('status')}>
              <Choice value={d.status} labels={t.statuses} onChange={(v) => set('status', v)} />
            </FormField>
          ) : (
            <div />
          )}
          <FormField label={t.likelihood} errorText={fe('likelihood')}>
            <Choice value={d.likelihood} labels={levelLabels(t.levels)} onChange={(v) => set('likelihood', v)} />
          </FormField>
          <FormField label={t.impact} errorText={fe('impact')}>
            <Choice value={d.impact} labels={levelLabels(t.impacts)} onChange={(v) => set('impact', v)} />
          </FormField>
          <FormField label={t.ownerSide} errorText={fe('ownerSide')}>
            <Choice value={d.ownerSide} labels={messages.agreements.side} onChange={(v) => set('ownerSide', v)} />
          </FormField>
          <FormField label={t.ownerEmail} errorText={fe('owner')}>
            <Input type="email" value={d.owner} onChange={({ detail }) => set('owner', detail.value)} />
          </FormField>
        </ColumnLayout>
        <FormField label={t.descriptionField} errorText={fe('description')} stretch>
          <Textarea value={d.description} rows={2} onChange={({ detail }) => set('description', detail.value)} />
        </FormField>
        <FormField label={t.mitigation} errorText={fe('mitigation')} stretch>
          <Textarea value={d.mitigation} rows={2} onChange={({ detail }) => set('mitigation', detail.value)} />
        </FormField>
        <FormField label={t.review} errorText={fe('reviewDate')}>
          <DatePicker
            value={d.reviewDate}
            placeholder="YYYY/MM/DD"
            openCalendarAriaLabel={(selected) => (selected ? `${t.review}: ${selected}` : t.review)}
            onChange={({ detail }) => set('reviewDate', detail.value)}
          />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
