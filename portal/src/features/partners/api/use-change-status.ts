import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import type { PartnerStatus } from './use-partner';

export function useChangeStatus(partnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { status: PartnerStatus; reason: string; etag: string; key: string }) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/status', {
          params: {
            path: { partnerId },
            header: { 'If-Match': input.etag, 'Idempotency-Key': input.key },
          },
          body: { status: input.status, reason: input.reason },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['partner', partnerId] }),
        client.invalidateQueries({ queryKey: ['partners'] }),
        client.invalidateQueries({ queryKey: ['audit', partnerId] }),
      ]);
    },
  });
}
