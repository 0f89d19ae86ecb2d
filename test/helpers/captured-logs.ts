/**
 * Runs `run` with stdout and stderr captured and returns the JSON log lines written, for a test that provokes an
 * error on purpose: it asserts the line an operator would see instead of printing it on a passing run. Anything
 * else written meanwhile is passed through, so nothing unexpected is hidden.
 */
export async function withCapturedLogs<T>(
  run: () => Promise<T>,
): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const captured = { stdout: [] as string[], stderr: [] as string[] };
  const spies = (['stdout', 'stderr'] as const).map((name) =>
    jest.spyOn(process[name], 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured[name].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  let result: T;
  try {
    result = await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const lines: Record<string, unknown>[] = [];
  for (const name of ['stdout', 'stderr'] as const) {
    for (const text of captured[name].join('').split('\n')) {
      if (text === '') continue;
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        process[name].write(`${text}\n`);
      }
    }
  }
  return { result, lines };
}
