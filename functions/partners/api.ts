import { httpApi } from '#shared/http/pipeline';
import { partnerRoutes } from '#functions/partners/routes';

export const handler = httpApi(partnerRoutes);
