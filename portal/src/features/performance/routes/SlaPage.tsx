import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Textarea from '@cloudscape-design/components/textarea';
import { messages } from '../../../messages';
import { ApiError } from '../../../lib/api/client';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { followLink } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { fieldError, ProblemAlert } from '../../../components/ProblemAlert';
import { useSla, useUpdateSla, type Sla, type SlaChange } from '../api/performance';
import { SeverityIndicator } from '../components/SeverityIndicator';
import { slaName, slaTarget, windowInWords } from '../lib/describe';

const t = messages.performance.sla;
const p = messages.performance;

interface Draft {
  name: string;
  description: string;
  target: string;
  window: string;
  severity: Sla['severity'];
  comparator: string;
  aggregate: string;
  status: 'active' | 'paused';
}

const draftOf = (sla: Sla): Draft => ({
  name: sla.name ?? '',
  description: sla.description ?? '',
  target: 'target' in sla ? String(sla.target) : '',
  window: sla.window,
  severity: sla.severity,
  comparator: 'comparator' in sla ? sla.comparator : '>=',
  aggregate: 'aggregate' in sla ? sla.aggregate : 'avg',
  status: sla.status === 'paused' ? 'paused' : 'active',
});

/** `/partners/:partnerId/slas/:slaId`: the definition; the vendor edits it (PATCH with the ETag it read). */
export default function SlaPage({ session, partnerId, slaId }: { session: Session; partnerId: string; slaId: string }) {
  const query = useSla(partnerId, slaId);
  const update = useUpdateSla(partnerId, slaId);
  // The form keeps the ETag of the version it was opened on: a change by someone else meanwhile is a 412.
  const [editing, setEditing] = useState<{ etag: string; base: Draft; draft: Draft } | undefined>();
  const [saved, setSaved] = useState(false);

  const crumbs = (name: string) => (
    <BreadcrumbGroup
      ariaLabel={t.breadcrumbs}
      onFollow={followLink}
      items={[
        { text: p.slas.title, href: isVendor(session) ? `/performance?partner=${partnerId}` : '/performance' },
        { text: name, href: `/partners/${partnerId}/slas/${slaId}` },
      ]}
    />
  );
  if (query.isPending) return <Spinner size="large" />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    return (
      <ContentLayout header={<Header variant="h1">{notFound ? messages.common.notFound : t.definition}</Header>}>
        {notFound ? (
          <Alert type="error" header={messages.common.notFound}>
            {messages.common.notFoundDetail}
          </Alert>
        ) : (
          <ProblemAlert error={query.error} />
        )}
      </ContentLayout>
    );
  }
  const { sla, etag } = query.data;
  const canEdit = isVendor(session) && sla.status !== 'retired';

  return (
    <ContentLayout
      breadcrumbs={crumbs(slaName(sla))}
      header={
        <Header
          variant="h1"
          description={`${p.slaKind[sla.kind]} · ${sla.metric}`}
          actions={
            canEdit && !editing ? (
              <Button
                onClick={() => {
                  update.reset();
                  setSaved(false);
                  setEditing({ etag, base: draftOf(sla), draft: draftOf(sla) });
                }}
              >
                {t.edit}
              </Button>
            ) : undefined
          }
        >
          {slaName(sla)}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {saved && !editing && (
          <Alert type="success" dismissible onDismiss={() => setSaved(false)}>
            {t.saved}
          </Alert>
        )}
        {sla.status === 'retired' && <Alert type="info">{t.retired}</Alert>}
        <Container header={<Header variant="h2">{t.definition}</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              { label: t.kind, value: p.slaKind[sla.kind] },
              { label: t.metric, value: sla.metric },
              { label: t.target, value: slaTarget(sla) },
              { label: t.window, value: windowInWords(sla.window) },
              { label: t.severity, value: <SeverityIndicator severity={sla.severity} /> },
              { label: t.status, value: p.slaStatus[sla.status] },
              { label: t.source, value: p.source[sla.source] },
              { label: t.effectiveFrom, value: formatDateTime(sla.effectiveFrom) },
              { label: t.updatedAt, value: formatDateTime(sla.updatedAt) },
              { label: t.version, value: formatNumber(sla.version) },
              ...(sla.description ? [{ label: t.description, value: sla.description }] : []),
            ]}
          />
        </Container>
        {editing && (
          <SlaForm
            sla={sla}
            draft={editing.draft}
            onChange={(draft) => setEditing({ ...editing, draft })}
            error={update.error}
            pending={update.isPending}
            onCancel={() => {
              update.reset();
              setEditing(undefined);
            }}
            onReload={async () => {
              const fresh = await query.refetch();
              // What the person changed stays; every other field takes the new version's value, so saving does
              // not undo the other change. The next save is checked against the version just read.
              if (fresh.data) {
                const base = draftOf(fresh.data.sla);
                const draft = rebase(editing.draft, editing.base, base);
                setEditing({ etag: fresh.data.etag, base, draft });
              }
              update.reset();
            }}
            onSave={() => {
              const change = changeOf(sla, editing.draft);
              if (Object.keys(change).length === 0) return setEditing(undefined);
              update.mutate(
                { etag: editing.etag, change },
                {
                  onSuccess: () => {
                    setEditing(undefined);
                    setSaved(true);
                  },
                },
              );
            }}
          />
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}

/** The person's edits (draft against the version it was opened on) applied to a newer version. */
function rebase(draft: Draft, opened: Draft, fresh: Draft): Draft {
  const out = { ...fresh } as Record<keyof Draft, string>;
  for (const key of Object.keys(draft) as (keyof Draft)[]) if (draft[key] !== opened[key]) out[key] = draft[key];
  return out as Draft;
}

/** Only the fields that differ from the version read: a PATCH says what it changes. */
function changeOf(sla: Sla, draft: Draft): SlaChange {
  const before = draftOf(sla);
  const change: Record<string, unknown> = {};
  if (draft.name.trim() !== before.name) change.name = draft.name.trim();
  if (draft.description.trim() !== before.description) change.description = draft.description.trim();
  if (draft.target !== before.target) change.target = draft.target.trim() === '' ? Number.NaN : Number(draft.target);
  if (draft.window.trim() !== before.window) change.window = draft.window.trim();
  if (draft.severity !== before.severity) change.severity = draft.severity;
  if (sla.kind === 'threshold' && draft.comparator !== before.comparator) change.comparator = draft.comparator;
  if (sla.kind === 'threshold' && draft.aggregate !== before.aggregate) change.aggregate = draft.aggregate;
  if (draft.status !== before.status) change.status = draft.status;
  return change;
}

function SlaForm(props: {
  sla: Sla;
  draft: Draft;
  onChange: (draft: Draft) => void;
  error: unknown;
  pending: boolean;
  onCancel: () => void;
  onSave: () => void;
  onReload: () => Promise<void>;
}) {
  const { sla, draft, error } = props;
  const set = (change: Partial<Draft>) => props.onChange({ ...draft, ...change });
  const option = (value: string, label: string): SelectProps.Option => ({ value, label });
  const severityOptions = (['critical', 'warning', 'info'] as const).map((s) => option(s, p.severity[s]));
  const comparatorOptions = ['>=', '>', '<=', '<'].map((c) => option(c, t.comparators[c] ?? c));
  const aggregateOptions = (['avg', 'sum', 'min', 'max'] as const).map((a) => option(a, p.aggregate[a]));
  const statusOptions = (['active', 'paused'] as const).map((s) => option(s, p.slaStatus[s]));
  const targetInvalid = draft.target.trim() !== '' && !Number.isFinite(Number(draft.target));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!targetInvalid) props.onSave();
      }}
    >
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={props.onCancel}>
              {t.cancel}
            </Button>
            <Button variant="primary" loading={props.pending}>
              {t.save}
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          {error ? <ProblemAlert error={error} onReload={() => void props.onReload()} /> : null}
          <Container header={<Header variant="h2">{t.edit}</Header>}>
            <SpaceBetween size="l">
              <FormField label={t.name} errorText={fieldError(error, 'body.name')}>
                <Input
                  value={draft.name}
                  placeholder={slaName({ ...sla, name: undefined })}
                  onChange={({ detail }) => set({ name: detail.value })}
                />
              </FormField>
              <FormField label={t.description} errorText={fieldError(error, 'body.description')}>
                <Textarea
                  value={draft.description}
                  rows={2}
                  onChange={({ detail }) => set({ description: detail.value })}
                />
              </FormField>
              {sla.kind === 'threshold' && (
                <SpaceBetween direction="horizontal" size="l">
                  <FormField label={t.aggregate} errorText={fieldError(error, 'body.aggregate')}>
                    <Select
                      selectedOption={aggregateOptions.find((o) => o.value === draft.aggregate) ?? null}
                      options={aggregateOptions}
                      onChange={({ detail }) => set({ aggregate: detail.selectedOption.value ?? 'avg' })}
                    />
                  </FormField>
                  <FormField label={t.comparator} errorText={fieldError(error, 'body.comparator')}>
                    <Select
                      selectedOption={comparatorOptions.find((o) => o.value === draft.comparator) ?? null}
                      options={comparatorOptions}
                      onChange={({ detail }) => set({ comparator: detail.selectedOption.value ?? '>=' })}
                    />
                  </FormField>
                </SpaceBetween>
              )}
              {sla.kind !== 'freshness' && (
                <FormField
                  label={t.target}
                  description={
                    sla.kind === 'ratio'
                      ? t.targetRatioHint
                      : t.targetHint(
                          p.aggregate[draft.aggregate as keyof typeof p.aggregate],
                          t.comparatorWords[draft.comparator] ?? draft.comparator,
                        )
                  }
                  errorText={targetInvalid ? t.notANumber : fieldError(error, 'body.target')}
                >
                  <Input
                    type="number"
                    inputMode="decimal"
                    value={draft.target}
                    onChange={({ detail }) => set({ target: detail.value })}
                  />
                </FormField>
              )}
              <FormField
                label={t.window}
                description={sla.kind === 'freshness' ? `${t.freshnessHint} ${t.windowHint}` : t.windowHint}
                errorText={fieldError(error, 'body.window')}
              >
                <Input value={draft.window} onChange={({ detail }) => set({ window: detail.value })} />
              </FormField>
              <SpaceBetween direction="horizontal" size="l">
                <FormField label={t.severity} errorText={fieldError(error, 'body.severity')}>
                  <Select
                    selectedOption={severityOptions.find((o) => o.value === draft.severity) ?? null}
                    options={severityOptions}
                    onChange={({ detail }) =>
                      set({ severity: (detail.selectedOption.value ?? 'warning') as Draft['severity'] })
                    }
                  />
                </FormField>
                <FormField label={t.status} errorText={fieldError(error, 'body.status')}>
                  <Select
                    selectedOption={statusOptions.find((o) => o.value === draft.status) ?? null}
                    options={statusOptions}
                    onChange={({ detail }) =>
                      set({ status: detail.selectedOption.value === 'paused' ? 'paused' : 'active' })
                    }
                  />
                </FormField>
              </SpaceBetween>
            </SpaceBetween>
          </Container>
        </SpaceBetween>
      </Form>
    </form>
  );
}
