import { httpApi } from '#shared/http/pipeline';
import { platformRoutes } from '#functions/platform/routes';

export const handler = httpApi(platformRoutes);
