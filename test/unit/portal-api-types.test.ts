import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const schemaFile = resolve('portal/src/lib/api/schema.d.ts');

// unit: the portal's typed client is compiled against the API as it is, not as it was. The generator runs under
// tsx, as `npm run portal:api-types` does: openapi-typescript's dependencies are ESM that jest would not load.
describe('portal API types', () => {
  it('match the OpenAPI document the API serves (run npm run portal:api-types when this fails)', async () => {
    const [checkedIn, fresh] = await Promise.all([
      readFile(schemaFile, 'utf8'),
      run(process.execPath, ['--import', 'tsx', 'portal/scripts/write-api-types.ts', '--stdout'], {
        maxBuffer: 64 * 1024 * 1024,
      }).then(({ stdout }) => stdout),
    ]);
    expect(fresh).toContain("'/v1/dashboard'");
    if (checkedIn !== fresh) {
      throw new Error(`${schemaFile} is stale: run npm run portal:api-types and commit the result`);
    }
  }, 120_000);
});
