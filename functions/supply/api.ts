import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { httpApi } from '#shared/http/pipeline';
import { putRoutesCreatingWithoutIfMatch, supplyRoutes } from '#functions/supply/routes';

/** The supply context's HTTP entry: products, inventory, sell-through, partner commits and forecasts. */
export const supplyApiRoutes = supplyRoutes;

const pipeline = httpApi(supplyRoutes);
const creatingPuts = new Set(putRoutesCreatingWithoutIfMatch);

/**
 * Inventory levels and forecast commits are created by a PUT without If-Match and replaced with one. The shared
 * pipeline knows only "If-Match required"; a missing header on these two routes is read as `"0"` (nothing read
 * yet), and the use case answers 428 when the resource already exists.
 */
export const handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) =>
  pipeline(
    creatingPuts.has(event.routeKey) && !event.headers?.['if-match'] ? { ...event, headers: { ...event.headers, 'if-match': '"0"' } } : event,
    context,
  );
