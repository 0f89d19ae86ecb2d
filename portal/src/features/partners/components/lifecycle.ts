import { messages } from '../../../messages';
import type { PartnerStatus } from '../api/use-partner';

const t = messages.partners.lifecycle;

/** The label of the action that moves a partner to `to` (from suspended, "active" reads "Reactivate"). */
export function actionLabel(from: PartnerStatus, to: PartnerStatus): string {
  if (from === 'suspended' && to === 'active') return t.reactivate;
  return to === 'prospect' ? to : t.action[to];
}
