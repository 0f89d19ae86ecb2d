import { ProductCreated } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { editVersioned, newEntityMeta } from '#shared/db/edit';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import type { CreateProductInput, Product, UpdateProductInput } from '#functions/supply/domain/schemas';
import { ProductEntity, productsPartition } from '#functions/supply/entities';
import { ConflictError, NotFoundError } from '#shared/errors';

/** The vendor's product catalog: one small partition, a page is one Query, a product one GetItem. */

export async function createProduct(ctx: OperationContext, input: CreateProductInput): Promise<Product> {
  const product: Product = { ...input, ...newEntityMeta(ctx) };
  await commit(ctx, {
    writes: [
      ProductEntity.put(product, {
        ifAbsent: true,
        onConflict: () => new ConflictError(`A product with SKU ${input.sku} already exists`),
      }),
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
  return editVersioned<Product>(ctx, {
    entity: ProductEntity,
    what: 'product',
    current: await getProduct(sku),
    expectedVersion,
    set: input,
    audit: { action: 'product.updated', entityType: 'product', entityId: sku },
    notFound: () => new NotFoundError(`No product with SKU ${sku}`),
  });
}

export async function getProduct(sku: string): Promise<Product> {
  const item = await getItem<Product>(ProductEntity.key({ sku }));
  if (!item) throw new NotFoundError(`No product with SKU ${sku}`);
  return toEntity<Product>(item);
}

export async function listProducts(
  filter: { family?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<Product>> {
  return queryPage<Product>({
    partition: productsPartition,
    ...(filter.family ? { equals: { family: filter.family } } : {}),
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}
