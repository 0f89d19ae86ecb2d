import '#test/helpers/info-logs'; // before #shared/log loads
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { functions } from '#functions/manifest';
import { invoke, lambdaContext } from '#infra/local/handlers';
import { logLine } from '#infra/local/log';
import { invocation } from '#shared/invocation';
import { logger } from '#shared/log';
import { gate } from '#test/fixtures/log-writer';

// unit: an operator reading a background function's logs (relay, consumers, queue workers, jobs) sees which
// function and which invocation wrote each line, as for the API functions, and nothing left from the last one.

function capturedLines(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return run()
    .finally(() => spy.mockRestore())
    .then(() =>
      lines
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    );
}

const contextOf = (name: string): Context => lambdaContext({ name, entry: 'unused' }, 'eu-west-1', 30);

describe('background function logs', () => {
  it('name the function and the invocation on every line, and forget what an earlier invocation appended', async () => {
    // Prepare
    const job = invocation(async (event: { step: string }) => {
      if (event.step === 'first') logger.appendKeys({ partnerId: 'P1' });
      logger.info('working', { step: event.step });
    });
    const first = contextOf('reminders');
    const second = contextOf('reminders');

    // Act
    const lines = await capturedLines(async () => {
      await job({ step: 'first' }, first);
      await job({ step: 'second' }, second);
    });

    // Assess
    expect(lines.map((l) => [l.step, l.function_name, l.function_request_id])).toEqual([
      ['first', 'reminders', first.awsRequestId],
      ['second', 'reminders', second.awsRequestId],
    ]);
    expect(lines[0]!.partnerId).toBe('P1');
    expect(lines[1]!.partnerId).toBeUndefined();
  });

  it('holds for every function that is not behind the HTTP pipeline', async () => {
    const background = functions.filter((fn) => fn.trigger !== 'http');
    expect(background.length).toBeGreaterThanOrEqual(10);
    for (const fn of background) {
      const mod = (await import(join(__dirname, '..', '..', fn.entry))) as { handler: { use?: unknown } };
      // invocation() returns a middy handler carrying the log context middleware.
      expect({ fn: fn.name, wrapped: typeof mod.handler.use }).toEqual({ fn: fn.name, wrapped: 'function' });
    }
  });
});

describe('logs of functions sharing one process (the local runtime)', () => {
  it('tag each line with the function that wrote it while two functions run at the same time', async () => {
    // Prepare: two functions, as the local runtime runs a notifier while the relay is still busy.
    const notifier = { name: 'notifier', entry: 'test/fixtures/log-writer.ts' };
    const relay = { name: 'outbox-relay', entry: 'test/fixtures/log-writer.ts' };

    // Act: the relay starts, the notifier starts and finishes, then the relay finishes.
    const lines = await capturedLines(async () => {
      const relayRun = invoke(relay, { label: 'relay', gate: 'relay' }, 'eu-west-1');
      const notifierRun = invoke(notifier, { label: 'notifier', gate: 'notifier' }, 'eu-west-1');
      gate('notifier').open();
      await notifierRun;
      gate('relay').open();
      await relayRun;
    });

    // Assess: each line names its own function and request, and carries only its own invocation's keys.
    const written = lines.map((l) => [l.label, l.message, l.function_name]);
    expect(written).toEqual(
      expect.arrayContaining([
        ['relay', 'started', 'outbox-relay'],
        ['notifier', 'started', 'notifier'],
        ['notifier', 'finished', 'notifier'],
        ['relay', 'finished', 'outbox-relay'],
      ]),
    );
    expect(written).toHaveLength(4);
    const requestIds = (label: string) =>
      new Set(lines.filter((l) => l.label === label).map((l) => l.function_request_id));
    expect(requestIds('relay').size).toBe(1);
    expect(requestIds('notifier').size).toBe(1);
    expect([...requestIds('relay')][0]).not.toBe([...requestIds('notifier')][0]);
  });

  it("write the local runtime's own lines in the handlers' shape", () => {
    // Act
    const runtimeLine = JSON.parse(
      logLine('ERROR', 'queues', 'queue worker failed', { function: 'forecast-worker', messages: 2 }),
    ) as Record<string, unknown>;

    // Assess: the keys a handler's Powertools line has, with the same meaning.
    expect(runtimeLine).toMatchObject({
      level: 'ERROR',
      message: 'queue worker failed',
      service: 'accord',
      function_name: 'forecast-worker',
      component: 'queues',
      messages: 2,
    });
    expect(new Date(runtimeLine.timestamp as string).toISOString()).toBe(runtimeLine.timestamp);
    expect(runtimeLine).not.toHaveProperty('function');
  });
});
