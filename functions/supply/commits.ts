import { ForecastCommitted } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import { nowIso } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { getItem, toEntity } from '#shared/db/repository';
import type { Commit, CommitInput } from '#functions/supply/domain/schemas';
import { ForecastCommitEntity, ForecastCommitVersionEntity } from '#functions/supply/entities';
import { ConflictError, PreconditionFailedError, PreconditionRequiredError } from '#shared/errors';
import { getPartner } from '#functions/partners/index';
import { getProduct } from '#functions/supply/products';

/**
 * A partner's own forecast for a SKU (its commit). The head item (`COMMIT`) is the current one, versioned like
 * every mutable resource; each version is also written as an immutable item (`COMMITV#<n>`) in the same
 * transaction, so the history is complete and the job can tell what the partner said before each period began.
 * The first commit needs no If-Match; replacing it does (428 without, 412 when stale).
 */
export async function putCommit(
  ctx: OperationContext,
  partnerId: string,
  sku: string,
  expectedVersion: number,
  input: CommitInput,
): Promise<Commit> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded');
  await getProduct(sku);
  const head = await getItem<Commit>(ForecastCommitEntity.key({ partnerId, sku }));
  if (!head && expectedVersion > 0)
    throw new PreconditionFailedError(`There is no forecast commit for ${sku} yet: send it without If-Match`);
  if (head && expectedVersion === 0) {
    throw new PreconditionRequiredError(
      `A forecast commit for ${sku} exists: send If-Match with its ETag, e.g. If-Match: "${head.version}"`,
    );
  }
  if (head && head.version !== expectedVersion) {
    throw new PreconditionFailedError(
      `The commit is at version ${head.version}, not ${expectedVersion}: read it again and retry with the new ETag`,
    );
  }
  const at = nowIso();
  const version = (head?.version ?? 0) + 1;
  const periods = [...input.periods].sort((a, b) => a.period.localeCompare(b.period));
  const fields = {
    partnerId,
    sku,
    granularity: input.granularity,
    periods,
    ...(input.note ? { note: input.note } : {}),
    committedAt: at,
    committedBy: ctx.actor.sub,
  };
  const record: Commit = {
    ...fields,
    version,
    createdAt: head?.createdAt ?? at,
    updatedAt: at,
    createdBy: head?.createdBy ?? ctx.actor.sub,
  };
  const stale = () =>
    new PreconditionFailedError('The commit was changed meanwhile: read it again and retry with the new ETag');
  await commit(ctx, {
    writes: [
      head
        ? ForecastCommitEntity.update(head, fields, { expectedVersion, remove: input.note ? [] : ['note'] })
        : ForecastCommitEntity.put(record, { ifAbsent: true, onConflict: stale }),
      ForecastCommitVersionEntity.put(
        { ...record, createdAt: at, createdBy: ctx.actor.sub },
        { ifAbsent: true, onConflict: stale },
      ),
    ],
    audit: {
      action: 'forecast.committed',
      entityType: 'forecast-commit',
      entityId: sku,
      partnerId,
      note: `version ${version}, ${periods.length} period(s)`,
    },
    events: [
      outboxEvent(ctx, ForecastCommitted, partnerId, {
        sku,
        granularity: input.granularity,
        version,
        periods: periods.length,
      }),
    ],
  });
  return record;
}

export async function getCommit(partnerId: string, sku: string): Promise<Commit | undefined> {
  const item = await getItem<Commit>(ForecastCommitEntity.key({ partnerId, sku }));
  return item && toEntity<Commit>(item);
}
