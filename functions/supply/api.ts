import { httpApi } from '#shared/http/pipeline';
import { supplyRoutes } from '#functions/supply/routes';

/** The supply context's HTTP entry: products, inventory, sell-through, partner commits and forecasts. */
export const handler = httpApi(supplyRoutes);
