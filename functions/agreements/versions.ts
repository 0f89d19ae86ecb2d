import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import type { AgreementVersion } from '#functions/agreements/domain/agreement';
import type { Terms } from '#functions/agreements/domain/terms';
import { digest, documents } from '#shared/documents/store';
import { AgreementVersionEntity, versionsOf } from '#functions/agreements/entities';
import { NotFoundError } from '#shared/errors';

/**
 * Proposal versions as stored: the terms without clause texts, which go to the document store under a
 * content-addressed key. An unchanged clause set is stored once however many versions repeat it.
 */
export interface StoredTerms extends Omit<Terms, 'clauses'> {
  clauses: { title: string; digest: string }[];
  clausesKey?: string;
}

export type StoredVersion = Omit<AgreementVersion, 'terms'> & { terms: StoredTerms };

export async function storeTerms(agreementId: string, terms: Terms): Promise<StoredTerms> {
  const { clauses, ...rest } = terms;
  if (clauses.length === 0) return { ...rest, clauses: [] };
  const body = JSON.stringify(clauses);
  const clausesKey = `agreements/${agreementId}/clauses/${digest(body)}.json`;
  await documents().put(clausesKey, body);
  return { ...rest, clauses: clauses.map((c) => ({ title: c.title, digest: digest(c.text) })), clausesKey };
}

export async function loadTerms(stored: StoredTerms): Promise<Terms> {
  const { clausesKey, clauses: refs, ...rest } = stored;
  if (!clausesKey) return { ...rest, clauses: [] };
  const body = await documents().get(clausesKey);
  if (body === undefined) throw new Error(`clause document ${clausesKey} is missing`);
  const clauses = JSON.parse(body) as Terms['clauses'];
  // Same order and digests as recorded in the version item: the document is the one the version names.
  return { ...rest, clauses: refs.map((ref) => clauses.find((c) => c.title === ref.title)!) };
}

export async function getStoredVersion(partnerId: string, agreementId: string, n: number): Promise<StoredVersion> {
  const item = await getItem<StoredVersion>(AgreementVersionEntity.key({ partnerId, agreementId, number: n }));
  if (!item) throw new NotFoundError(`Version ${n} of this agreement does not exist`);
  return toEntity<StoredVersion>(item);
}

export async function getVersion(partnerId: string, agreementId: string, n: number): Promise<AgreementVersion> {
  const stored = await getStoredVersion(partnerId, agreementId, n);
  return { ...stored, terms: await loadTerms(stored.terms) };
}

/** The version list shows who proposed what and when; terms are read one version at a time. */
export async function listVersions(
  partnerId: string,
  agreementId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<Omit<StoredVersion, 'terms'>>> {
  const { PK, skPrefix } = versionsOf(partnerId, agreementId);
  const result = await queryPage<StoredVersion>({
    partition: PK,
    sort: { beginsWith: skPrefix },
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { ...result, items: result.items.map(({ terms: _terms, ...rest }) => rest) };
}

/** Diffs compare the stored form: clause texts by digest, so no document is downloaded. */
export function comparableTerms(stored: StoredTerms): Omit<StoredTerms, 'clausesKey'> {
  const { clausesKey: _key, ...rest } = stored;
  return rest;
}
