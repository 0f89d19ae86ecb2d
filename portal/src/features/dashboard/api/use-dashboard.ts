import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';

/** New alerts must reach an open dashboard without a reload: it polls. */
export const DASHBOARD_POLL_MS = 10_000;

export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: async () => dataOf(await api.GET('/v1/dashboard')),
    refetchInterval: DASHBOARD_POLL_MS,
  });
}
