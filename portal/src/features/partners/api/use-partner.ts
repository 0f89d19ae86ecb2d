import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';

export function usePartner(partnerId: string) {
  return useQuery({
    queryKey: ['partner', partnerId],
    queryFn: async () => dataOf(await api.GET('/v1/partners/{partnerId}', { params: { path: { partnerId } } })),
  });
}

/** Open alerts of one partner; polled like the dashboard, so a new breach shows without a reload. */
export function useOpenAlerts(partnerId: string) {
  return useQuery({
    queryKey: ['alerts', partnerId, 'open'],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/alerts', {
          params: { path: { partnerId }, query: { status: 'open', limit: 50 } },
        }),
      ),
    refetchInterval: 10_000,
  });
}
