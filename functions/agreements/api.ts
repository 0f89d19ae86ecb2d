import { httpApi } from '#shared/http/pipeline';
import { agreementsApiRoutes } from '#functions/agreements/routes';

export const handler = httpApi(agreementsApiRoutes);
