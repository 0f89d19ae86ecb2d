import { ProductCreated } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import { nowIso } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, put, versionedUpdate } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import { definedOnly } from '#shared/domain/common';
import { diffFields } from '#functions/partners/domain/partner';
import type { CreateProductInput, Product, UpdateProductInput } from '#functions/supply/domain/schemas';
import { ConflictError, NotFoundError } from '#shared/errors';

/** The vendor's product catalog: one small partition, a page is one Query, a product one GetItem. */

export async function createProduct(ctx: OperationContext, input: CreateProductInput): Promise<Product> {
  const at = nowIso();
  const product: Product = { ...input, version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.sub };
  await commit(ctx, {
    writes: [
      put(
        { ...keys.product(input.sku), type: 'Product', ...product },
        { ifAbsent: true, onConflict: () => new ConflictError(`A product with SKU ${input.sku} already exists`) },
      ),
    ],
    audit: { action: 'product.created', entityType: 'product', entityId: input.sku },
    events: [
      outboxEvent(ctx, ProductCreated, undefined, {
        product: { sku: input.sku, name: input.name, family: input.family, leadTimeDays: input.leadTimeDays },
      }),
    ],
  });
  return product;
}

/**
 * Name, family, unit or lead time change on the version read (If-Match). A new lead time counts from the next
 * hourly cover check on.
 */
export async function updateProduct(
  ctx: OperationContext,
  sku: string,
  expectedVersion: number,
  input: UpdateProductInput,
): Promise<Product> {
  const current = await getProduct(sku);
  assertVersion('product', current.version, expectedVersion);
  const set = definedOnly(input);
  const changes = diffFields(current, set);
  if (Object.keys(changes).length === 0) return current;
  await commit(ctx, {
    writes: [
      versionedUpdate(keys.product(sku), expectedVersion, set, {
        notFound: () => new NotFoundError(`No product with SKU ${sku}`),
      }),
    ],
    audit: { action: 'product.updated', entityType: 'product', entityId: sku, changes },
  });
  return { ...current, ...set, version: current.version + 1, updatedAt: nowIso() };
}

export async function getProduct(sku: string): Promise<Product> {
  const item = await getItem<Product>(keys.product(sku));
  if (!item) throw new NotFoundError(`No product with SKU ${sku}`);
  return toEntity<Product>(item);
}

export async function listProducts(
  filter: { family?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<Product>> {
  return queryPage<Product>({
    partition: keys.productsPartition,
    ...(filter.family ? { equals: { family: filter.family } } : {}),
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}
