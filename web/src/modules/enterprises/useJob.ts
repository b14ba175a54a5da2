import { useQuery } from '@tanstack/react-query';
import type { JobView } from '../../../../shared/src/io';
import { api } from '../../app/api';

/** A background job (export, long import), polled every second until it has finished. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api.get<JobView>(`/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
    staleTime: 0,
  });
}
