import { MetricsIngested } from '#functions/performance/events';
import { consumer, on } from '#events/consumer';
import { systemContext } from '#shared/context';
import { logger } from '#shared/log';
import { readOpenAlertsOfPartner } from '#functions/alerts/index';
import { evaluateMany } from '#functions/performance/evaluation';
import { activeSlasOf } from '#functions/performance/slas';
import { invocation } from '#shared/invocation';

/**
 * The `sla-evaluator` consumer: seconds after a metric batch is accepted, evaluates the partner's active SLAs
 * on the metrics it carried, so a breach becomes a firing alert without waiting for the monitor's tick.
 * Reads: the partner's active SLAs (one Query of the active-SLA index: retired and paused ones are not read) and its
 * open alerts (one Query), then one rollup Query per SLA.
 * A failed evaluation fails the event (the claim is released, EventBridge retries); evaluations are idempotent.
 */
export const handler = invocation(
  consumer(
    'sla-evaluator',
    on(MetricsIngested, async (envelope) => {
      const partnerId = envelope.partnerId;
      if (!partnerId) return;
      const metrics = new Set(envelope.data.metrics);
      const [slas, open] = await Promise.all([activeSlasOf(partnerId), readOpenAlertsOfPartner(partnerId)]);
      const due = slas.filter((sla) => sla.status === 'active' && metrics.has(sla.metric));
      if (due.length === 0) return;
      const ctx = systemContext('sla-evaluator', envelope.eventId);
      const { summary, failures } = await evaluateMany(
        due.map((sla) => ({ sla, open: open.get(sla.id) ?? {} })),
        { ctx },
      );
      logger.info('SLAs evaluated on ingest', { partnerId, metrics: [...metrics], ...summary });
      if (failures.length) throw new Error(`${failures.length} SLA evaluation(s) failed: ${failures[0]!.error}`);
    }),
  ),
);
