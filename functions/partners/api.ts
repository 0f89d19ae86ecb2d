import { httpApi } from '#shared/http/pipeline';
import { partnerRoutes } from '#functions/partners/routes';
import { endPartnershipWith } from '#functions/partners/partnership-end';
import { endPartnerMonitoring } from '#functions/performance/index';

// The entry point wires what ends with a partnership (functions/partners/partnership-end.ts).
endPartnershipWith(endPartnerMonitoring);

export const handler = httpApi(partnerRoutes);
