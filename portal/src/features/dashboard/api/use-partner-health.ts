import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/schema';

export type PartnerHealthFilter = NonNullable<paths['/v1/scorecards']['get']['parameters']['query']>;

/** One page of the month's partners by health (GET /v1/scorecards), kept on screen while the next one loads. */
export function usePartnerHealth(filter: PartnerHealthFilter) {
  return useQuery({
    queryKey: ['partner-health', filter],
    queryFn: async () => dataOf(await api.GET('/v1/scorecards', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}
