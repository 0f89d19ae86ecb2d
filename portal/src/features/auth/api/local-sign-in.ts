/**
 * The local runtime's sign-in: tokens from its dev issuer (GET /local/token, which exists only locally). The demo
 * people are the vendor roles plus an administrator and a user of each partner, read with a manager's token.
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, dataOf } from '../../../lib/api/client';
import type { Role } from '../../../lib/session';

export async function fetchLocalToken(role: Role, partnerId?: string): Promise<string> {
  const query = new URLSearchParams({ role, ...(partnerId ? { partnerId } : {}) });
  const response = await fetch(`/local/token?${query.toString()}`);
  const body = (await response.json().catch(() => ({}))) as { token?: string; title?: string; detail?: string };
  if (!response.ok || !body.token) {
    throw new ApiError({ status: response.status, title: body.title ?? response.statusText, detail: body.detail });
  }
  return body.token;
}

export interface DemoPartner {
  id: string;
  name: string;
  status: string;
  tier: string;
}

export function useDemoPartners() {
  return useQuery({
    queryKey: ['local', 'demo-partners'],
    queryFn: async (): Promise<DemoPartner[]> => {
      const token = await fetchLocalToken('manager');
      const page = dataOf(
        await api.GET('/v1/partners', {
          params: { query: { limit: 100 } },
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      return page.items.map(({ id, name, status, tier }) => ({ id, name, status, tier }));
    },
  });
}
