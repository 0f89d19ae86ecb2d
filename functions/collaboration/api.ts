import { httpApi } from '#shared/http/pipeline';
import { collaborationRoutes } from '#functions/collaboration/routes';

/** The collaboration context's HTTP entry: disclosures, objectives and roadmap, check-ins, disputes, feedback. */
export const collaborationApiRoutes = collaborationRoutes;

export const handler = httpApi(collaborationRoutes);
