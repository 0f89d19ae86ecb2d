import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ButtonDropdown from '@cloudscape-design/components/button-dropdown';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { fieldError, ProblemAlert } from '../../../components/ProblemAlert';
import {
  useAddPerson,
  useChangeRole,
  usePeople,
  useRemovePerson,
  type NewPerson,
  type Person,
} from '../api/use-partner-lists';
import { optionsOf } from './choices';

const t = messages.partners.people;
const roles = optionsOf(messages.partners.role);
type Role = Person['role'];

/** The partner's people: invite with a role, change a role, remove (with confirmation), for those who may. */
export function PeopleTab({ partnerId, canManage }: { partnerId: string; canManage: boolean }) {
  const people = usePeople(partnerId);
  const [dialog, setDialog] = useState<
    { kind: 'invite' } | { kind: 'role'; person: Person } | { kind: 'remove'; person: Person } | undefined
  >();
  const close = () => setDialog(undefined);
  return (
    <>
      <Table
        header={
          <Header
            variant="h2"
            counter={people.data ? `(${people.data.items.length})` : undefined}
            actions={
              canManage && (
                <Button variant="primary" onClick={() => setDialog({ kind: 'invite' })}>
                  {t.invite}
                </Button>
              )
            }
          >
            {t.title}
          </Header>
        }
        items={people.data?.items ?? []}
        loading={people.isPending}
        loadingText={messages.common.loading}
        trackBy="id"
        empty={
          people.isError ? (
            <ProblemAlert error={people.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <b>{t.none}</b>
              <Box variant="p" color="inherit">
                {t.noneDetail}
              </Box>
            </Box>
          )
        }
        columnDefinitions={[
          { id: 'name', header: t.name, cell: (p) => p.name, isRowHeader: true },
          { id: 'email', header: t.email, cell: (p) => p.email },
          { id: 'role', header: t.role, cell: (p) => messages.partners.role[p.role] },
          { id: 'title', header: t.title_, cell: (p) => p.title ?? messages.partners.page.none },
          {
            id: 'status',
            header: t.status,
            cell: (p) => (
              <StatusIndicator type={p.status === 'active' ? 'success' : 'stopped'}>
                {t.statusValue[p.status]}
              </StatusIndicator>
            ),
          },
          ...(canManage
            ? [
                {
                  id: 'actions',
                  header: t.actions,
                  cell: (p: Person) =>
                    p.status === 'active' && (
                      <ButtonDropdown
                        variant="inline-icon"
                        ariaLabel={t.actionsFor(p.name)}
                        items={[
                          { id: 'role', text: t.changeRole },
                          { id: 'remove', text: t.remove },
                        ]}
                        onItemClick={({ detail }) =>
                          setDialog(detail.id === 'role' ? { kind: 'role', person: p } : { kind: 'remove', person: p })
                        }
                      />
                    ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'invite' && <InviteModal partnerId={partnerId} onClose={close} />}
      {dialog?.kind === 'role' && <RoleModal partnerId={partnerId} person={dialog.person} onClose={close} />}
      {dialog?.kind === 'remove' && <RemoveModal partnerId={partnerId} person={dialog.person} onClose={close} />}
    </>
  );
}

function Footer({
  onCancel,
  onConfirm,
  label,
  busy,
}: {
  onCancel: () => void;
  onConfirm: () => void;
  label: string;
  busy: boolean;
}) {
  return (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="link" onClick={onCancel}>
          {t.cancel}
        </Button>
        <Button variant="primary" loading={busy} onClick={onConfirm}>
          {label}
        </Button>
      </SpaceBetween>
    </Box>
  );
}

function InviteModal({ partnerId, onClose }: { partnerId: string; onClose: () => void }) {
  const [values, setValues] = useState({ email: '', name: '', role: 'partner-user' as Role, title: '' });
  const add = useAddPerson(partnerId);
  const error = (field: string) => fieldError(add.error, `body.${field}`);
  const send = () => {
    const body: NewPerson = {
      email: values.email.trim(),
      name: values.name,
      role: values.role,
      ...(values.title.trim() ? { title: values.title.trim() } : {}),
    };
    add.mutate(body, { onSuccess: onClose });
  };
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={t.inviteTitle}
      closeAriaLabel={t.cancel}
      footer={<Footer onCancel={onClose} onConfirm={send} label={t.send} busy={add.isPending} />}
    >
      <SpaceBetween size="m">
        <Box variant="p">{t.inviteHint}</Box>
        {add.isError && <ProblemAlert error={add.error} />}
        <ColumnLayout columns={2}>
          <FormField label={t.name} errorText={error('name')} stretch>
            <Input value={values.name} onChange={({ detail }) => setValues({ ...values, name: detail.value })} />
          </FormField>
          <FormField label={t.email} errorText={error('email')} stretch>
            <Input
              type="email"
              value={values.email}
              onChange={({ detail }) => setValues({ ...values, email: detail.value })}
            />
          </FormField>
          <FormField label={t.role} errorText={error('role')} stretch>
            <Select
              selectedOption={roles.find((r) => r.value === values.role) ?? null}
              options={roles}
              onChange={({ detail }) => setValues({ ...values, role: detail.selectedOption.value as Role })}
            />
          </FormField>
          <FormField label={t.title_} errorText={error('title')} stretch>
            <Input value={values.title} onChange={({ detail }) => setValues({ ...values, title: detail.value })} />
          </FormField>
        </ColumnLayout>
      </SpaceBetween>
    </Modal>
  );
}

function RoleModal({ partnerId, person, onClose }: { partnerId: string; person: Person; onClose: () => void }) {
  const [role, setRole] = useState<Role>(person.role);
  const change = useChangeRole(partnerId);
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={t.changeRoleTitle(person.name)}
      closeAriaLabel={t.cancel}
      footer={
        <Footer
          onCancel={onClose}
          onConfirm={() => change.mutate({ person, role }, { onSuccess: onClose })}
          label={t.save}
          busy={change.isPending}
        />
      }
    >
      <SpaceBetween size="m">
        {change.isError && <ProblemAlert error={change.error} onReload={onClose} />}
        <FormField label={t.role} errorText={fieldError(change.error, 'body.role')}>
          <Select
            selectedOption={roles.find((r) => r.value === role) ?? null}
            options={roles}
            onChange={({ detail }) => setRole(detail.selectedOption.value as Role)}
          />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}

function RemoveModal({ partnerId, person, onClose }: { partnerId: string; person: Person; onClose: () => void }) {
  const remove = useRemovePerson(partnerId);
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={t.removeTitle(person.name)}
      closeAriaLabel={t.cancel}
      footer={
        <Footer
          onCancel={onClose}
          onConfirm={() => remove.mutate(person, { onSuccess: onClose })}
          label={t.remove}
          busy={remove.isPending}
        />
      }
    >
      <SpaceBetween size="m">
        {remove.isError && <ProblemAlert error={remove.error} onReload={onClose} />}
        <Box variant="p">{t.removeDetail(person.name, person.email)}</Box>
      </SpaceBetween>
    </Modal>
  );
}
