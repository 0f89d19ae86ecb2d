import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * Large documents (agreement clauses) live outside the table: S3 in AWS (the stack's asset bucket), a folder
 * locally. Items keep only the key and a digest, so they stay small and diffs need no download.
 * Objects are written once per key (content-addressed by the caller's key) and never changed.
 */
export interface DocumentStore {
  put(key: string, body: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

export const digest = (body: string): string => createHash('sha256').update(body).digest('base64url');

class S3Store implements DocumentStore {
  private readonly s3 = new S3Client({});
  constructor(private readonly bucket: string) {}

  async put(key: string, body: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
      }),
    );
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await out.Body?.transformToString('utf8');
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}

class FolderStore implements DocumentStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: string): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, body, 'utf8');
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private path(key: string): string {
    const file = resolve(this.root, key);
    if (!file.startsWith(resolve(this.root) + sep)) throw new Error(`document key escapes the store: ${key}`);
    return file;
  }
}

let store: DocumentStore | undefined;
let storeFor: string | undefined;

export function documents(): DocumentStore {
  const bucket = process.env.DOCUMENTS_BUCKET;
  const folder = process.env.DOCUMENTS_DIR;
  const identity = bucket ? `s3:${bucket}` : `dir:${folder}`;
  if (!store || storeFor !== identity) {
    if (bucket) store = new S3Store(bucket);
    else if (folder) store = new FolderStore(folder);
    else throw new Error('Neither DOCUMENTS_BUCKET nor DOCUMENTS_DIR is set');
    storeFor = identity;
  }
  return store;
}
