/** `npm run portal:api-types` writes the file; `--stdout` prints it instead (the staleness test reads that). */
import { writeFile } from 'node:fs/promises';
import { generateApiTypes, schemaFile } from './api-types.ts';

void generateApiTypes().then(async (text) => {
  if (process.argv.includes('--stdout')) {
    process.stdout.write(text);
    return;
  }
  await writeFile(schemaFile, text);
  console.log(`wrote ${schemaFile}`);
});
