import { useState } from 'react';
import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import TimeInput from '@cloudscape-design/components/time-input';
import { messages } from '../../../messages';
import { formatDate, formatNumber } from '../../../lib/format';
import type { Session } from '../../../lib/session';
import { LocalTime } from '../../../components/LocalTime';
import { ProblemAlert, fieldError } from '../../../components/ProblemAlert';
import {
  newIdempotencyKey,
  usePlanningSessions,
  useRecordPlanningSession,
  type Agreement,
  type PlanningInput,
  type PlanningSession,
} from '../api/agreements';
import { Choice } from './TermsForm';

const t = messages.agreements.planning;
const sides = messages.agreements.side;

/** Joint planning sessions (held at: the viewer's time with the partner's beside it) and their action items. */
export function PlanningTab({
  agreement: a,
  session,
  partnerTimeZone,
}: {
  agreement: Agreement;
  session: Session;
  partnerTimeZone: string | undefined;
}) {
  const sessions = usePlanningSessions(a.partnerId);
  const [chosen, setChosen] = useState<string>();
  const [recording, setRecording] = useState(false);
  const items = sessions.data?.items ?? [];
  const current = items.find((s) => s.id === chosen) ?? items[0];
  const mayRecord = session.role !== 'partner-user';
  return (
    <SpaceBetween size="l">
      <Table
        variant="container"
        header={
          <Header
            variant="h2"
            description={t.description}
            counter={`(${items.length})`}
            actions={
              mayRecord ? (
                <Button variant="primary" onClick={() => setRecording(true)}>
                  {t.record}
                </Button>
              ) : undefined
            }
          >
            {t.title}
          </Header>
        }
        loading={sessions.isPending}
        loadingText={messages.common.loading}
        items={items}
        selectionType="single"
        selectedItems={current ? [current] : []}
        onSelectionChange={({ detail }) => setChosen(detail.selectedItems[0]?.id)}
        trackBy="id"
        ariaLabels={{
          itemSelectionLabel: (_s, item) => t.select(item.title),
          selectionGroupLabel: t.choose,
          allItemsSelectionLabel: () => t.choose,
        }}
        empty={sessions.isError ? <ProblemAlert error={sessions.error} /> : <Box textAlign="center">{t.empty}</Box>}
        wrapLines
        columnDefinitions={[
          { id: 'title', header: t.session, cell: (s) => s.title, isRowHeader: true },
          { id: 'held', header: t.heldAt, cell: (s) => <LocalTime at={s.heldAt} partnerTimeZone={partnerTimeZone} /> },
          {
            id: 'participants',
            header: t.participants,
            cell: (s) => s.participants.map((p) => `${p.name} (${sides[p.side]})`).join(', '),
          },
          { id: 'items', header: t.actionItems, cell: (s) => formatNumber(s.actionItems.length) },
        ]}
      />
      {current && <SessionDetail session={current} />}
      {recording && <RecordModal agreement={a} onClose={() => setRecording(false)} onRecorded={setChosen} />}
    </SpaceBetween>
  );
}

function SessionDetail({ session: s }: { session: PlanningSession }) {
  return (
    <Table
      variant="container"
      header={
        <Header
          variant="h2"
          counter={`(${s.actionItems.length})`}
          description={
            <KeyValuePairs
              columns={2}
              items={[
                { label: t.agenda, value: s.agenda.length ? s.agenda.join('; ') : '—' },
                { label: t.decisions, value: s.decisions.length ? s.decisions.join('; ') : '—' },
              ]}
            />
          }
        >
          {t.actionItemsOf(s.title)}
        </Header>
      }
      items={s.actionItems}
      empty={<Box textAlign="center">{t.noActionItems}</Box>}
      wrapLines
      columnDefinitions={[
        { id: 'title', header: t.item, cell: (i) => i.title, isRowHeader: true },
        { id: 'owner', header: t.owner, cell: (i) => `${i.owner} (${sides[i.ownerSide]})` },
        { id: 'due', header: t.dueDate, cell: (i) => formatDate(i.dueDate) },
        {
          id: 'status',
          header: t.itemStatus,
          cell: (i) => (
            <StatusIndicator type={i.status === 'done' ? 'success' : 'pending'}>
              {t.itemStatuses[i.status ?? 'open']}
            </StatusIndicator>
          ),
        },
      ]}
    />
  );
}

type Side = 'vendor' | 'partner';
interface Draft {
  title: string;
  date: string;
  time: string;
  participants: { name: string; side: Side }[];
  agenda: string[];
  decisions: string[];
  actionItems: { title: string; owner: string; ownerSide: Side; dueDate: string }[];
  notes: string;
}

function RecordModal({
  agreement: a,
  onClose,
  onRecorded,
}: {
  agreement: Agreement;
  onClose: () => void;
  onRecorded: (id: string) => void;
}) {
  const record = useRecordPlanningSession(a.partnerId);
  const [key] = useState(newIdempotencyKey);
  const [d, setD] = useState<Draft>(() => ({
    title: '',
    date: new Date().toLocaleDateString('sv'),
    time: '10:00',
    participants: [{ name: '', side: 'vendor' }],
    agenda: [],
    decisions: [],
    actionItems: [],
    notes: '',
  }));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD({ ...d, [k]: v });
  const fe = (path: string) => fieldError(record.error, `body.${path}`);
  const submit = () => {
    const heldAt = new Date(`${d.date}T${d.time || '00:00'}`);
    const body: PlanningInput = {
      title: d.title.trim(),
      heldAt: Number.isNaN(heldAt.getTime()) ? '' : heldAt.toISOString(),
      participants: d.participants.map((p) => ({ name: p.name.trim(), side: p.side })),
      agenda: d.agenda.map((x) => x.trim()),
      decisions: d.decisions.map((x) => x.trim()),
      actionItems: d.actionItems.map((i) => ({ ...i, title: i.title.trim(), owner: i.owner.trim(), status: 'open' })),
      agreementId: a.id,
      ...(d.notes.trim() ? { notes: d.notes.trim() } : {}),
    };
    record.mutate({ body, key }, { onSuccess: (s) => (onRecorded(s.id), onClose()) });
  };
  const strings = (field: 'agenda' | 'decisions', label: string, add: string) => (
    <FormField label={label} stretch errorText={fe(field)}>
      <AttributeEditor
        items={d[field]}
        addButtonText={add}
        removeButtonText={t.remove}
        onAddButtonClick={() => set(field, [...d[field], ''])}
        onRemoveButtonClick={({ detail }) =>
          set(
            field,
            d[field].filter((_, i) => i !== detail.itemIndex),
          )
        }
        definition={[
          {
            label,
            control: (item, i) => (
              <Input
                value={item}
                ariaLabel={`${label} ${i + 1}`}
                onChange={({ detail }) =>
                  set(
                    field,
                    d[field].map((x, j) => (j === i ? detail.value : x)),
                  )
                }
              />
            ),
            errorText: (_x, i) => fe(`${field}.${i}`),
          },
        ]}
      />
    </FormField>
  );
  return (
    <Modal
      visible
      closeAriaLabel={messages.agreements.close}
      size="large"
      onDismiss={onClose}
      header={t.recordTitle}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              {t.cancel}
            </Button>
            <Button variant="primary" loading={record.isPending} onClick={submit}>
              {t.save}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {record.isError && <ProblemAlert error={record.error} />}
        <ColumnLayout columns={3}>
          <FormField label={t.sessionTitle} errorText={fe('title')}>
            <Input value={d.title} onChange={({ detail }) => set('title', detail.value)} />
          </FormField>
          <FormField label={t.heldDate} errorText={fe('heldAt')}>
            <DatePicker
              value={d.date}
              placeholder="YYYY/MM/DD"
              openCalendarAriaLabel={(selected) => (selected ? `${t.heldDate}: ${selected}` : t.heldDate)}
              onChange={({ detail }) => set('date', detail.value)}
            />
          </FormField>
          <FormField label={t.heldTime}>
            <TimeInput
              value={d.time}
              format="hh:mm"
              placeholder="hh:mm"
              onChange={({ detail }) => set('time', detail.value)}
            />
          </FormField>
        </ColumnLayout>
        <FormField label={t.participants} stretch errorText={fe('participants')}>
          <AttributeEditor
            items={d.participants}
            addButtonText={t.addParticipant}
            removeButtonText={t.remove}
            onAddButtonClick={() => set('participants', [...d.participants, { name: '', side: 'partner' }])}
            onRemoveButtonClick={({ detail }) =>
              set(
                'participants',
                d.participants.filter((_, i) => i !== detail.itemIndex),
              )
            }
            definition={[
              {
                label: t.participant,
                control: (p, i) => (
                  <Input
                    value={p.name}
                    ariaLabel={`${t.participant} ${i + 1}`}
                    onChange={({ detail }) =>
                      set(
                        'participants',
                        d.participants.map((x, j) => (j === i ? { ...x, name: detail.value } : x)),
                      )
                    }
                  />
                ),
                errorText: (_p, i) => fe(`participants.${i}.name`),
              },
              {
                label: t.participantSide,
                control: (p, i) => (
                  <Choice
                    value={p.side}
                    labels={sides}
                    ariaLabel={`${t.participantSide} ${i + 1}`}
                    onChange={(side) =>
                      set(
                        'participants',
                        d.participants.map((x, j) => (j === i ? { ...x, side } : x)),
                      )
                    }
                  />
                ),
              },
            ]}
          />
        </FormField>
        {strings('agenda', t.agendaItem, t.addAgenda)}
        {strings('decisions', t.decision, t.addDecision)}
        <FormField label={t.actionItems} stretch errorText={fe('actionItems')}>
          <AttributeEditor
            items={d.actionItems}
            addButtonText={t.addItem}
            removeButtonText={t.remove}
            onAddButtonClick={() =>
              set('actionItems', [...d.actionItems, { title: '', owner: '', ownerSide: 'vendor', dueDate: '' }])
            }
            onRemoveButtonClick={({ detail }) =>
              set(
                'actionItems',
                d.actionItems.filter((_, i) => i !== detail.itemIndex),
              )
            }
            definition={[
              {
                label: t.item,
                control: (item, i) => (
                  <Input
                    value={item.title}
                    ariaLabel={`${t.item} ${i + 1}`}
                    onChange={({ detail }) =>
                      set(
                        'actionItems',
                        d.actionItems.map((x, j) => (j === i ? { ...x, title: detail.value } : x)),
                      )
                    }
                  />
                ),
                errorText: (_x, i) => fe(`actionItems.${i}.title`),
              },
              {
                label: t.owner,
                control: (item, i) => (
                  <Input
                    value={item.owner}
                    ariaLabel={`${t.owner} ${i + 1}`}
                    onChange={({ detail }) =>
                      set(
                        'actionItems',
                        d.actionItems.map((x, j) => (j === i ? { ...x, owner: detail.value } : x)),
                      )
                    }
                  />
                ),
                errorText: (_x, i) => fe(`actionItems.${i}.owner`),
              },
              {
                label: t.ownerSide,
                control: (item, i) => (
                  <Choice
                    value={item.ownerSide}
                    labels={sides}
                    ariaLabel={`${t.ownerSide} ${i + 1}`}
                    onChange={(ownerSide) =>
                      set(
                        'actionItems',
                        d.actionItems.map((x, j) => (j === i ? { ...x, ownerSide } : x)),
                      )
                    }
                  />
                ),
              },
              {
                label: t.dueDate,
                control: (item, i) => (
                  <DatePicker
                    value={item.dueDate}
                    placeholder="YYYY/MM/DD"
                    ariaLabel={`${t.dueDate} ${i + 1}`}
                    openCalendarAriaLabel={() => t.chooseDue(i + 1)}
                    onChange={({ detail }) =>
                      set(
                        'actionItems',
                        d.actionItems.map((x, j) => (j === i ? { ...x, dueDate: detail.value } : x)),
                      )
                    }
                  />
                ),
                errorText: (_x, i) => fe(`actionItems.${i}.dueDate`),
              },
            ]}
          />
        </FormField>
        <FormField label={t.notes} errorText={fe('notes')} stretch>
          <Textarea value={d.notes} rows={3} onChange={({ detail }) => set('notes', detail.value)} />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
