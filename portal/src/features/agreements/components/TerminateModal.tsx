import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { messages } from '../../../messages';
import { formatDate } from '../../../lib/format';
import { ProblemAlert, fieldError } from '../../../components/ProblemAlert';
import { useTerminate, useVersion, type Agreement } from '../api/agreements';

const t = messages.agreements.terminate;
const DAY = 24 * 3600 * 1000;

/**
 * Ends an active agreement on a day that respects its notice (the API checks it and names the field), or withdraws
 * a draft at once. Sent with the agreement's version as If-Match: a stale one shows the 412 alert with Reload.
 */
export function TerminateModal({
  agreement: a,
  onClose,
  onReload,
  onDone,
}: {
  agreement: Agreement;
  onClose: () => void;
  onReload: () => void;
  onDone: (message: string) => void;
}) {
  const active = a.status === 'active';
  const signed = useVersion(a.partnerId, a.id, active ? a.activeVersion : undefined);
  const noticeDays = signed.data?.terms.terminationNoticeDays ?? 0;
  const terminate = useTerminate(a.partnerId, a.id);
  const [reason, setReason] = useState('');
  const [day, setDay] = useState('');
  const earliest = new Date(Date.now() + (noticeDays + 1) * DAY).toISOString().slice(0, 10);
  const chosen = day || earliest;
  return (
    <Modal
      visible
      closeAriaLabel={messages.agreements.close}
      onDismiss={onClose}
      header={active ? t.title : t.titleDraft}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              {t.cancel}
            </Button>
            <Button
              variant="primary"
              loading={terminate.isPending}
              onClick={() =>
                terminate.mutate(
                  {
                    version: a.version,
                    reason: reason.trim(),
                    effectiveAt: active ? `${chosen}T00:00:00Z` : new Date().toISOString(),
                  },
                  {
                    onSuccess: (after) =>
                      onDone(
                        after.status === 'active' && after.termination
                          ? t.ends(formatDate(after.termination.effectiveAt.slice(0, 10)))
                          : t.done,
                      ),
                  },
                )
              }
            >
              {active ? t.confirm : t.confirmDraft}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">{active ? t.intro(noticeDays) : t.introDraft}</Box>
        {terminate.isError && (
          <ProblemAlert
            error={terminate.error}
            onReload={() => {
              onReload();
              terminate.reset();
            }}
          />
        )}
        <FormField label={t.reason} errorText={fieldError(terminate.error, 'body.reason')} stretch>
          <Textarea value={reason} rows={3} onChange={({ detail }) => setReason(detail.value)} />
        </FormField>
        {active && (
          <FormField
            label={t.date}
            constraintText={t.dateHint}
            errorText={fieldError(terminate.error, 'body.effectiveAt')}
          >
            <DatePicker
              value={chosen}
              placeholder="YYYY/MM/DD"
              openCalendarAriaLabel={(selected) => (selected ? `${t.date}: ${selected}` : t.date)}
              onChange={({ detail }) => setDay(detail.value)}
            />
          </FormField>
        )}
      </SpaceBetween>
    </Modal>
  );
}
