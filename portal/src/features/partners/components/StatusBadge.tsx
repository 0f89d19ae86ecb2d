import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import { messages } from '../../../messages';
import type { PartnerStatus } from '../api/use-partner';

const indicator: Record<PartnerStatus, StatusIndicatorProps.Type> = {
  prospect: 'pending',
  onboarding: 'in-progress',
  active: 'success',
  suspended: 'warning',
  offboarded: 'stopped',
};

/** A partner's lifecycle status in the console's status colours. */
export function StatusBadge({ status }: { status: PartnerStatus }) {
  return <StatusIndicator type={indicator[status]}>{messages.partners.status[status]}</StatusIndicator>;
}
