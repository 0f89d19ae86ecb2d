import { useRef, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { messages } from '../../../messages';
import { fieldError, ProblemAlert } from '../../../components/ProblemAlert';
import type { Partner, PartnerStatus } from '../api/use-partner';
import { idempotencyKeyFor } from '../api/idempotency';
import { useChangeStatus } from '../api/use-change-status';

const t = messages.partners.lifecycle;

/**
 * Moves a partner to `to` with a reason, sent with the ETag the page read. When someone else changed the partner
 * meanwhile (412), the stale-write alert offers Reload; the reason typed stays.
 */
export function LifecycleModal({
  partner,
  etag,
  to,
  label,
  onClose,
  onReload,
}: {
  partner: Partner;
  etag: string;
  to: PartnerStatus;
  /** The action's name ("Start onboarding"). */
  label: string;
  onClose: () => void;
  onReload: () => void;
}) {
  const [reason, setReason] = useState('');
  const change = useChangeStatus(partner.id);
  const memory = useRef<{ body?: string; key?: string }>({}).current;
  const confirm = () => {
    const body = { status: to, reason, etag };
    change.mutate({ status: to, reason, etag, key: idempotencyKeyFor(memory, body) }, { onSuccess: onClose });
  };
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={t.title(label, partner.name)}
      closeAriaLabel={t.cancel}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              {t.cancel}
            </Button>
            <Button variant="primary" loading={change.isPending} onClick={confirm} ariaLabel={`${t.confirm}: ${label}`}>
              {label}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {to !== 'prospect' && <Box variant="p">{t.explain[to]}</Box>}
        {change.isError && (
          <ProblemAlert
            error={change.error}
            onReload={() => {
              change.reset();
              onReload();
            }}
          />
        )}
        <FormField
          label={t.reason}
          constraintText={t.reasonHint}
          errorText={fieldError(change.error, 'body.reason')}
          stretch
        >
          <Textarea
            value={reason}
            onChange={({ detail }) => setReason(detail.value)}
            invalid={Boolean(fieldError(change.error, 'body.reason'))}
            rows={3}
          />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
