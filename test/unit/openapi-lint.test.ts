import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi } from '#functions/platform/openapi';
import { allRoutes } from '#functions/platform/all-routes';
import { docsRoutes } from '#functions/platform/api-docs';

// unit: the OpenAPI document passes Redocly CLI (recommended rules, redocly.yaml) and Spectral (spectral:oas,
// .spectral.yaml) with no error and no warning. Both run offline: the document has no remote references.

const root = join(__dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      {
        cwd: root,
        // No telemetry and no update check: the linters must not reach for the network.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 90_000,
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('OpenAPI document lint', () => {
  let dir: string;
  let redocly: Run;
  let spectral: Run;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accord-openapi-'));
    const file = join(dir, 'openapi.json');
    const document = buildOpenApi([...allRoutes(), ...docsRoutes], { version: '0.1.0', maxBodyBytes: 65_536 });
    await writeFile(file, JSON.stringify(document));
    [redocly, spectral] = await Promise.all([
      run(bin('redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format=json']),
      run(bin('spectral'), [
        'lint',
        file,
        '--ruleset',
        join(root, '.spectral.yaml'),
        '--fail-severity',
        'warn',
        '--format',
        'json',
        '--quiet',
      ]),
    ]);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has no Redocly error or warning (recommended rules)', () => {
    expect({ code: redocly.code, stderr: redocly.code === 0 ? '' : redocly.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(redocly.stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('has no Spectral error or warning (spectral:oas)', () => {
    expect({ code: spectral.code, stderr: spectral.code === 0 ? '' : spectral.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(JSON.parse(spectral.stdout)).toEqual([]);
  });
});
