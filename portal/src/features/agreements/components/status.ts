import type { AgreementStatus } from '../api/agreements';

/** An agreement's status in the console's status colours: active is green, a draft waits, an ended one is stopped. */
export const statusIndicator = {
  draft: 'pending',
  negotiating: 'in-progress',
  active: 'success',
  terminated: 'stopped',
  expired: 'stopped',
} as const satisfies Record<AgreementStatus, string>;
