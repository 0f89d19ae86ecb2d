import { AgreementExpired, AgreementExpiring, AgreementRenewed } from '#functions/agreements/events';
import { outboxEvent } from '#events/outbox';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { commitOnce } from '#shared/db/once';
import { queryAll } from '#shared/db/repository';
import { addMonths } from '#functions/agreements/domain/terms';
import { PreconditionFailedError } from '#shared/errors';
import { snapshot } from '#functions/agreements/agreements';
import { AgreementEntity, type StoredAgreement } from '#functions/agreements/entities';
import { retireSlas } from '#functions/performance/index';

/** Notices go out 60, 30 and 7 days before an agreement ends: the nearest one not sent yet. */
export const EXPIRY_NOTICES = [60, 30, 7] as const;
const DAY_MS = 24 * 3600 * 1000;

export interface ExpirySummary {
  agreementsChecked: number;
  expiryNotices: number;
  ended: number;
  renewed: number;
}

/**
 * Active agreements ending within the notice horizon, from the sparse GSI2 (one Query page per 100).
 * Each notice is a once-marker written with its event; each ending is a versioned update: running the job
 * twice, or twice at once, notifies once and ends once.
 */
export async function processAgreementExpiry(ctx: OperationContext): Promise<ExpirySummary> {
  const summary: ExpirySummary = { agreementsChecked: 0, expiryNotices: 0, ended: 0, renewed: 0 };
  const horizon = new Date(nowMs() + EXPIRY_NOTICES[0] * DAY_MS).toISOString();
  const { activeByExpiry } = AgreementEntity.indexes;
  const due = queryAll<StoredAgreement>({
    index: activeByExpiry.index,
    partition: activeByExpiry.pk(),
    sort: { between: ['0', `${horizon}~`] },
    limit: 100,
  });
  for await (const agreements of due) {
    for (const agreement of agreements) {
      summary.agreementsChecked += 1;
      if (!agreement.expiresAt || agreement.status !== 'active') continue;
      try {
        if (Date.parse(agreement.expiresAt) <= nowMs()) {
          const outcome = await end(ctx, agreement);
          summary[outcome] += 1;
        } else if (!agreement.termination && (await notice(ctx, agreement))) {
          summary.expiryNotices += 1;
        }
      } catch (error) {
        // Another run ended or renewed it first (the versioned update failed): nothing left to do for it.
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
  }
  return summary;
}

async function notice(ctx: OperationContext, agreement: StoredAgreement): Promise<boolean> {
  const daysLeft = Math.ceil((Date.parse(agreement.expiresAt!) - nowMs()) / DAY_MS);
  const due = [...EXPIRY_NOTICES].reverse().find((days) => daysLeft <= days);
  if (due === undefined) return false;
  // A re-run, or a run beside this one, finds the notice's marker and sends nothing.
  return commitOnce(ctx, 'agreement-expiring', `${agreement.id}#${agreement.expiresAt}#${due}`, {
    writes: [],
    audit: {
      action: 'agreement.expiry-notice',
      entityType: 'agreement',
      entityId: agreement.id,
      partnerId: agreement.partnerId,
      note: `${daysLeft} days left (${due}-day notice)`,
    },
    events: [
      outboxEvent(ctx, AgreementExpiring, agreement.partnerId, {
        agreement: snapshot(agreement),
        expiresAt: agreement.expiresAt!,
        daysLeft,
        notice: due,
      }),
    ],
  });
}

async function end(ctx: OperationContext, agreement: StoredAgreement): Promise<'ended' | 'renewed'> {
  const expectedVersion = agreement.version;
  if (!agreement.termination && agreement.renewal?.mode === 'auto' && agreement.renewal.renewalMonths) {
    const expiresAt = addMonths(agreement.expiresAt!, agreement.renewal.renewalMonths);
    await commit(ctx, {
      // The entity moves the agreement in the expiry index to its new end.
      writes: [AgreementEntity.update(agreement, { expiresAt }, { expectedVersion })],
      audit: {
        action: 'agreement.renewed',
        entityType: 'agreement',
        entityId: agreement.id,
        partnerId: agreement.partnerId,
        changes: { expiresAt: { from: agreement.expiresAt, to: expiresAt } },
      },
      events: [outboxEvent(ctx, AgreementRenewed, agreement.partnerId, { agreement: snapshot(agreement), expiresAt })],
    });
    return 'renewed';
  }
  const status = agreement.termination ? 'terminated' : 'expired';
  const retired = await retireSlas(ctx, agreement, `agreement ${status}`);
  await commit(ctx, {
    // No longer active: the entity takes the agreement out of the expiry index.
    writes: [AgreementEntity.update(agreement, { status }, { expectedVersion }), ...retired.writes],
    audit: {
      action: agreement.termination ? 'agreement.termination-effective' : 'agreement.expired',
      entityType: 'agreement',
      entityId: agreement.id,
      partnerId: agreement.partnerId,
      changes: { status: { from: 'active', to: status } },
    },
    // A termination was announced when it was given; an expiry is news now.
    events: [
      ...(agreement.termination
        ? []
        : [
            outboxEvent(ctx, AgreementExpired, agreement.partnerId, {
              agreement: snapshot({ ...agreement, status }),
              expiredAt: agreement.expiresAt!,
            }),
          ]),
      ...retired.events,
    ],
  });
  return 'ended';
}
