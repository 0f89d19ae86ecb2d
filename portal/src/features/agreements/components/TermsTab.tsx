import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDateTime } from '../../../lib/format';
import { isVendor, type Session } from '../../../lib/session';
import { ProblemAlert, fieldError } from '../../../components/ProblemAlert';
import { newIdempotencyKey, usePropose, useSign, useVersion, type Agreement, type Version } from '../api/agreements';
import { TermsForm } from './TermsForm';
import { TermsView } from './TermsView';
import { toDraft, toTerms, type TermsDraft } from './terms-draft';

const t = messages.agreements;
const sides = ['vendor', 'partner'] as const;

/** The version to sign with its signatures, its terms, and (for either side) a proposal or counter-proposal. */
export function TermsTab({
  agreement: a,
  session,
  onDone,
}: {
  agreement: Agreement;
  session: Session;
  onDone: (message: string) => void;
}) {
  const shown =
    a.status === 'active' || a.status === 'expired' ? (a.activeVersion ?? a.currentVersion) : a.currentVersion;
  const version = useVersion(a.partnerId, a.id, shown);
  const [editing, setEditing] = useState(false);
  const [signing, setSigning] = useState(false);
  const mySide = isVendor(session) ? 'vendor' : 'partner';
  const negotiable = a.status === 'draft' || a.status === 'negotiating';
  const mayAct = session.role !== 'partner-user' && negotiable;
  const signedCurrent = (side: 'vendor' | 'partner') => {
    const s = a.signatures[side];
    return s && (s.version === a.currentVersion || s.version === a.activeVersion) ? s : undefined;
  };

  if (version.isPending) return <Spinner size="large" />;
  if (version.isError) return <ProblemAlert error={version.error} onReload={() => void version.refetch()} />;
  const v = version.data;
  const counter = v.proposedBy.side !== mySide;

  if (editing)
    return (
      <ProposalForm
        agreement={a}
        current={v}
        counter={counter}
        onCancel={() => setEditing(false)}
        onSent={(n) => {
          setEditing(false);
          onDone(t.terms.sent(n));
        }}
      />
    );

  return (
    <SpaceBetween size="l">
      <Table
        variant="container"
        header={
          <Header
            variant="h2"
            description={
              a.status === 'active' && a.activeVersion
                ? t.signatures.descriptionActive(a.activeVersion)
                : t.signatures.description(a.currentVersion)
            }
            actions={
              mayAct && !signedCurrent(mySide) ? (
                <Button variant="primary" onClick={() => setSigning(true)}>
                  {t.signatures.sign(a.currentVersion)}
                </Button>
              ) : undefined
            }
          >
            {t.signatures.title}
          </Header>
        }
        items={[...sides]}
        columnDefinitions={[
          { id: 'side', header: t.signatures.side, cell: (side) => t.side[side], isRowHeader: true },
          {
            id: 'by',
            header: t.signatures.signedBy,
            cell: (side) => {
              const s = signedCurrent(side);
              return s ? (
                <StatusIndicator type="success">
                  {`${t.signatures.signedVersion(s.version)}: ${messages.roles[s.role as 'manager'] ?? s.role} (${s.by})`}
                </StatusIndicator>
              ) : (
                <StatusIndicator type="pending">{t.signatures.notSigned}</StatusIndicator>
              );
            },
          },
          {
            id: 'at',
            header: t.signatures.signedAt,
            cell: (side) => {
              const s = signedCurrent(side);
              return s ? formatDateTime(s.at) : '—';
            },
          },
        ]}
      />
      <Container
        header={
          <Header
            variant="h2"
            description={`${t.terms.proposedBy(t.side[v.proposedBy.side].toLowerCase(), formatDateTime(v.proposedAt))}: ${v.summary}`}
            actions={
              mayAct ? (
                <Button onClick={() => setEditing(true)}>{counter ? t.terms.counterPropose : t.terms.propose}</Button>
              ) : undefined
            }
          >
            {t.terms.current(v.number)}
          </Header>
        }
      >
        <TermsView terms={v.terms} />
      </Container>
      {signing && (
        <SignModal
          agreement={a}
          version={v}
          side={mySide}
          otherSigned={Boolean(signedCurrent(mySide === 'vendor' ? 'partner' : 'vendor'))}
          onClose={() => setSigning(false)}
          onSigned={(after) => {
            setSigning(false);
            onDone(after.status === 'active' ? t.signatures.activated : t.signatures.signed(v.number));
          }}
        />
      )}
    </SpaceBetween>
  );
}

function SignModal({
  agreement: a,
  version: v,
  side,
  otherSigned,
  onClose,
  onSigned,
}: {
  agreement: Agreement;
  version: Version;
  side: 'vendor' | 'partner';
  otherSigned: boolean;
  onClose: () => void;
  onSigned: (agreement: Agreement) => void;
}) {
  const sign = useSign(a.partnerId, a.id);
  const [key] = useState(newIdempotencyKey);
  return (
    <Modal
      visible
      closeAriaLabel={messages.agreements.close}
      size="large"
      onDismiss={onClose}
      header={t.signatures.modalTitle(v.number)}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              {t.signatures.cancel}
            </Button>
            <Button
              variant="primary"
              loading={sign.isPending}
              onClick={() => sign.mutate({ version: v.number, key }, { onSuccess: onSigned })}
            >
              {t.signatures.confirm}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {sign.isError && <ProblemAlert error={sign.error} />}
        <Box variant="p">{t.signatures.modalIntro(v.number, t.side[side].toLowerCase())}</Box>
        <Alert
          type="info"
          header={`${t.terms.proposedBy(t.side[v.proposedBy.side].toLowerCase(), formatDateTime(v.proposedAt))}`}
        >
          {v.summary}
        </Alert>
        <Box variant="p">{otherSigned ? t.signatures.modalActivates : t.signatures.modalWaits}</Box>
        <TermsView terms={v.terms} />
      </SpaceBetween>
    </Modal>
  );
}

function ProposalForm({
  agreement: a,
  current,
  counter,
  onCancel,
  onSent,
}: {
  agreement: Agreement;
  current: Version;
  counter: boolean;
  onCancel: () => void;
  onSent: (n: number) => void;
}) {
  const propose = usePropose(a.partnerId, a.id);
  const client = useQueryClient();
  const [draft, setDraft] = useState<TermsDraft>(() => toDraft(current.terms));
  const [summary, setSummary] = useState('');
  const side = t.side[current.proposedBy.side].toLowerCase();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        propose.mutate(
          { version: a.version, summary: summary.trim(), terms: toTerms(draft) },
          { onSuccess: (after) => onSent(after.currentVersion) },
        );
      }}
    >
      <Form
        header={
          <Header variant="h2" description={t.terms.formIntro}>
            {counter ? t.terms.formTitleCounter : t.terms.formTitle}
          </Header>
        }
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={onCancel}>
              {t.terms.cancel}
            </Button>
            <Button variant="primary" loading={propose.isPending}>
              {counter ? t.terms.sendCounter : t.terms.send}
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <Alert
            type="info"
            header={t.terms.otherSideVersion(current.number, side, formatDateTime(current.proposedAt))}
          >
            {current.summary}
          </Alert>
          <Container>
            <FormField label={t.terms.summary} errorText={fieldError(propose.error, 'body.summary')} stretch>
              <Input value={summary} onChange={({ detail }) => setSummary(detail.value)} />
            </FormField>
          </Container>
          <TermsForm draft={draft} onChange={setDraft} error={propose.error} />
          {propose.isError && (
            <ProblemAlert
              error={propose.error}
              onReload={() => {
                // The agreement's new version becomes the If-Match of the next send; what was typed stays.
                void client.invalidateQueries({ queryKey: ['agreement', a.partnerId, a.id] });
                propose.reset();
              }}
            />
          )}
        </SpaceBetween>
      </Form>
    </form>
  );
}
