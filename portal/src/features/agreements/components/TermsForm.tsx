import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { messages } from '../../../messages';
import { fieldError } from '../../../components/ProblemAlert';
import { emptySla, type SlaDraft, type TermsDraft } from './terms-draft';

const t = messages.agreements.terms;

/** A Select over a fixed set of values with their words: the option shown is always the value's own label. */
export function Choice<V extends string>({
  value,
  labels,
  onChange,
  ariaLabel,
  invalid,
}: {
  value: V;
  labels: Record<V, string>;
  onChange: (value: V) => void;
  ariaLabel?: string;
  invalid?: boolean;
}) {
  const options = (Object.keys(labels) as V[]).map((v) => ({ value: v, label: labels[v] }));
  return (
    <Select
      selectedOption={{ value, label: labels[value] }}
      options={options}
      onChange={({ detail }) => onChange(detail.selectedOption.value as V)}
      {...(ariaLabel ? { ariaLabel } : {})}
      {...(invalid ? { invalid } : {})}
    />
  );
}

/**
 * The terms of a draft or a proposal as a form: every part of the API's terms schema, with the API's messages
 * (from `error`, a 400 naming `body.terms.<field>`) shown at the field they name.
 */
export function TermsForm({
  draft,
  onChange,
  error,
}: {
  draft: TermsDraft;
  onChange: (draft: TermsDraft) => void;
  error: unknown;
}) {
  const fe = (path: string) => fieldError(error, `body.terms.${path}`);
  const set = <K extends keyof TermsDraft>(key: K, value: TermsDraft[K]) => onChange({ ...draft, [key]: value });
  const setSla = (i: number, change: Partial<SlaDraft>) =>
    set(
      'slas',
      draft.slas.map((s, j) => (j === i ? { ...s, ...change } : s)),
    );

  const obligations = (key: 'vendorObligations' | 'partnerObligations', side: 'vendor' | 'partner', label: string) => (
    <FormField label={label} stretch errorText={fe(`obligations.${side}`)}>
      <AttributeEditor
        items={draft[key]}
        addButtonText={t.addObligation}
        removeButtonText={t.removeObligation}
        empty={t.noObligations}
        onAddButtonClick={() => set(key, [...draft[key], ''])}
        onRemoveButtonClick={({ detail }) =>
          set(
            key,
            draft[key].filter((_, i) => i !== detail.itemIndex),
          )
        }
        definition={[
          {
            label: t.obligation,
            control: (item, i) => (
              <Input
                value={item}
                ariaLabel={`${label} ${i + 1}`}
                onChange={({ detail }) =>
                  set(
                    key,
                    draft[key].map((o, j) => (j === i ? detail.value : o)),
                  )
                }
              />
            ),
            errorText: (_item, i) => fe(`obligations.${side}.${i}`),
          },
        ]}
      />
    </FormField>
  );

  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h3">{t.obligations}</Header>}>
        <ColumnLayout columns={2}>
          {obligations('vendorObligations', 'vendor', t.vendorObligations)}
          {obligations('partnerObligations', 'partner', t.partnerObligations)}
        </ColumnLayout>
      </Container>

      <Container header={<Header variant="h3">{t.revenueShare}</Header>}>
        <SpaceBetween size="m">
          <ColumnLayout columns={3}>
            <FormField label={t.model} errorText={fe('revenueShare.model')}>
              <Choice value={draft.revenueModel} labels={t.models} onChange={(v) => set('revenueModel', v)} />
            </FormField>
            {draft.revenueModel !== 'none' && (
              <FormField label={t.currency} constraintText={t.currencyHint} errorText={fe('revenueShare.currency')}>
                <Input value={draft.currency} onChange={({ detail }) => set('currency', detail.value)} />
              </FormField>
            )}
            {draft.revenueModel === 'flat' && (
              <FormField label={t.percentage} errorText={fe('revenueShare.percentage')}>
                <Input
                  type="number"
                  inputMode="decimal"
                  value={draft.flatPercentage}
                  onChange={({ detail }) => set('flatPercentage', detail.value)}
                />
              </FormField>
            )}
            {draft.revenueModel === 'tiered' && (
              <FormField label={t.basis} errorText={fe('revenueShare.basis')}>
                <Choice value={draft.basis} labels={t.bases} onChange={(v) => set('basis', v)} />
              </FormField>
            )}
          </ColumnLayout>
          {draft.revenueModel === 'tiered' && (
            <FormField label={t.revenueShare} stretch errorText={fe('revenueShare.tiers')}>
              <AttributeEditor
                items={draft.tiers}
                addButtonText={t.addTier}
                removeButtonText={t.removeTier}
                empty={t.noTiers}
                onAddButtonClick={() => {
                  const last = draft.tiers[draft.tiers.length - 1];
                  set('tiers', [...draft.tiers, { from: last?.to ?? '', to: '', percentage: '' }]);
                }}
                onRemoveButtonClick={({ detail }) =>
                  set(
                    'tiers',
                    draft.tiers.filter((_, i) => i !== detail.itemIndex),
                  )
                }
                definition={(['from', 'to', 'percentage'] as const).map((field) => ({
                  label: { from: t.tierFrom, to: t.tierTo, percentage: t.tierPercentage }[field],
                  control: (tier: TermsDraft['tiers'][number], i: number) => (
                    <Input
                      type="number"
                      inputMode="decimal"
                      value={tier[field]}
                      ariaLabel={`${{ from: t.tierFrom, to: t.tierTo, percentage: t.tierPercentage }[field]} (${i + 1})`}
                      onChange={({ detail }) =>
                        set(
                          'tiers',
                          draft.tiers.map((x, j) => (j === i ? { ...x, [field]: detail.value } : x)),
                        )
                      }
                    />
                  ),
                  errorText: (_tier: unknown, i: number) => fe(`revenueShare.tiers.${i}.${field}`),
                }))}
              />
            </FormField>
          )}
        </SpaceBetween>
      </Container>

      <Container
        header={
          <Header
            variant="h3"
            description={t.slasDescription}
            actions={<Button onClick={() => set('slas', [...draft.slas, emptySla()])}>{t.addSla}</Button>}
          >
            {t.slas}
          </Header>
        }
      >
        {draft.slas.length === 0 ? (
          <Box color="text-status-inactive">{t.noSlas}</Box>
        ) : (
          <SpaceBetween size="l">
            {draft.slas.map((sla, i) => (
              <SlaFields
                key={i}
                n={i + 1}
                sla={sla}
                onChange={(change) => setSla(i, change)}
                onRemove={() =>
                  set(
                    'slas',
                    draft.slas.filter((_, j) => j !== i),
                  )
                }
                fe={(field) => fe(field ? `slas.${i}.${field}` : `slas.${i}`)}
              />
            ))}
          </SpaceBetween>
        )}
      </Container>

      <Container header={<Header variant="h3">{t.dates}</Header>}>
        <ColumnLayout columns={3}>
          <FormField label={t.effectiveDate} errorText={fe('effectiveDate')}>
            <DatePicker
              value={draft.effectiveDate}
              placeholder="YYYY/MM/DD"
              openCalendarAriaLabel={(selected) => (selected ? `${t.effectiveDate}: ${selected}` : t.effectiveDate)}
              onChange={({ detail }) => set('effectiveDate', detail.value)}
            />
          </FormField>
          <FormField label={t.termMonths} errorText={fe('termMonths')}>
            <Input
              type="number"
              inputMode="numeric"
              value={draft.termMonths}
              onChange={({ detail }) => set('termMonths', detail.value)}
            />
          </FormField>
          <FormField label={t.noticeDays} errorText={fe('terminationNoticeDays')}>
            <Input
              type="number"
              inputMode="numeric"
              value={draft.noticeDays}
              onChange={({ detail }) => set('noticeDays', detail.value)}
            />
          </FormField>
          <FormField label={t.renewal} errorText={fe('renewal.mode')}>
            <Choice value={draft.renewalMode} labels={t.renewals} onChange={(v) => set('renewalMode', v)} />
          </FormField>
          {draft.renewalMode === 'auto' && (
            <FormField label={t.renewalMonths} errorText={fe('renewal.renewalMonths')}>
              <Input
                type="number"
                inputMode="numeric"
                value={draft.renewalMonths}
                onChange={({ detail }) => set('renewalMonths', detail.value)}
              />
            </FormField>
          )}
        </ColumnLayout>
        <Box margin={{ top: 'm' }}>
          <FormField
            label={t.territory}
            constraintText={t.territoryHint}
            errorText={fe('territory') ?? territoryError(error)}
            stretch
          >
            <Input value={draft.territory} onChange={({ detail }) => set('territory', detail.value)} />
          </FormField>
        </Box>
      </Container>

      <Container header={<Header variant="h3">{t.clauses}</Header>}>
        <AttributeEditor
          items={draft.clauses}
          addButtonText={t.addClause}
          removeButtonText={t.removeClause}
          empty={t.noClauses}
          onAddButtonClick={() => set('clauses', [...draft.clauses, { title: '', text: '' }])}
          onRemoveButtonClick={({ detail }) =>
            set(
              'clauses',
              draft.clauses.filter((_, i) => i !== detail.itemIndex),
            )
          }
          definition={[
            {
              label: t.clauseTitle,
              control: (clause, i) => (
                <Input
                  value={clause.title}
                  ariaLabel={`${t.clauseTitle} (${i + 1})`}
                  onChange={({ detail }) =>
                    set(
                      'clauses',
                      draft.clauses.map((c, j) => (j === i ? { ...c, title: detail.value } : c)),
                    )
                  }
                />
              ),
              errorText: (_c, i) => fe(`clauses.${i}.title`),
            },
            {
              label: t.clauseText,
              control: (clause, i) => (
                <Textarea
                  value={clause.text}
                  rows={3}
                  ariaLabel={`${t.clauseText} (${i + 1})`}
                  onChange={({ detail }) =>
                    set(
                      'clauses',
                      draft.clauses.map((c, j) => (j === i ? { ...c, text: detail.value } : c)),
                    )
                  }
                />
              ),
              errorText: (_c, i) => fe(`clauses.${i}.text`),
            },
          ]}
        />
      </Container>
    </SpaceBetween>
  );
}

/** A bad country code is named by its position (`territory.2`): show it at the one territory field. */
function territoryError(error: unknown): string | undefined {
  const errors = (error as { errors?: { path: string; message: string }[] } | undefined)?.errors ?? [];
  const hit = errors.find((e) => e.path.startsWith('body.terms.territory.'));
  return hit?.message;
}

function SlaFields({
  n,
  sla,
  onChange,
  onRemove,
  fe,
}: {
  n: number;
  sla: SlaDraft;
  onChange: (change: Partial<SlaDraft>) => void;
  onRemove: () => void;
  fe: (field?: string) => string | undefined;
}) {
  const whole = fe();
  return (
    <section aria-label={t.sla(n)}>
      <SpaceBetween size="s">
        <Header variant="h3" actions={<Button onClick={onRemove}>{t.removeSla(n)}</Button>}>
          {t.sla(n)}
        </Header>
        {whole && <Box color="text-status-error">{whole}</Box>}
        <ColumnLayout columns={4}>
          <FormField label={t.slaKind} errorText={fe('kind')}>
            <Choice value={sla.kind} labels={t.slaKindShort} onChange={(kind) => onChange({ kind })} />
          </FormField>
          <FormField label={t.metric} constraintText={t.metricHint} errorText={fe('metric')}>
            <Input value={sla.metric} onChange={({ detail }) => onChange({ metric: detail.value })} />
          </FormField>
          {sla.kind === 'threshold' && (
            <FormField label={t.aggregate} errorText={fe('aggregate')}>
              <Choice value={sla.aggregate} labels={t.aggregates} onChange={(aggregate) => onChange({ aggregate })} />
            </FormField>
          )}
          {sla.kind === 'threshold' && (
            <FormField label={t.comparator} errorText={fe('comparator')}>
              <Choice
                value={sla.comparator}
                labels={t.comparators}
                onChange={(comparator) => onChange({ comparator })}
              />
            </FormField>
          )}
          {sla.kind !== 'freshness' && (
            <FormField label={sla.kind === 'ratio' ? t.targetPercent : t.target} errorText={fe('target')}>
              <Input
                type="number"
                inputMode="decimal"
                value={sla.target}
                onChange={({ detail }) => onChange({ target: detail.value })}
              />
            </FormField>
          )}
          <FormField label={t.window} errorText={fe('window')}>
            <SpaceBetween size="xs" direction="horizontal">
              <Input
                type="number"
                inputMode="numeric"
                ariaLabel={t.window}
                value={sla.windowAmount}
                onChange={({ detail }) => onChange({ windowAmount: detail.value })}
              />
              <Choice
                value={sla.windowUnit}
                labels={t.units}
                ariaLabel={t.windowUnit}
                onChange={(windowUnit) => onChange({ windowUnit })}
              />
            </SpaceBetween>
          </FormField>
          <FormField label={t.severity} errorText={fe('severity')}>
            <Choice value={sla.severity} labels={t.severities} onChange={(severity) => onChange({ severity })} />
          </FormField>
        </ColumnLayout>
      </SpaceBetween>
    </section>
  );
}
