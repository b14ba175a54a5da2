import { useQuery } from '@tanstack/react-query';
import type { HomeStats } from '../../../../shared/src/home';
import { api } from '../../app/api';

/** The home figures (also the filter options of several lists). Apart from HomePage so a list does not load charts. */
export function useHomeStats() {
  return useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeStats>('/home') });
}
