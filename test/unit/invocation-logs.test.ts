import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { functions } from '#functions/manifest';
import { lambdaContext } from '#infra/local/handlers';
import { invocation } from '#shared/invocation';
import { logger } from '#shared/log';

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
    .then(() => lines.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>));
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
