import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { messages } from '../../../messages';
import type { Severity } from '../api/alerts';

const indicator = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** A severity in the console's status colours and icons, with its word (never colour alone). */
export function SeverityIndicator({ severity }: { severity: Severity }) {
  return <StatusIndicator type={indicator[severity]}>{messages.performance.severity[severity]}</StatusIndicator>;
}
