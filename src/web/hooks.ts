import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
/** The value, once it has stopped changing for `ms` milliseconds (for search as you type). */ import {
  api,
  type Category,
} from './api.js';
import { keys } from './query-keys.js';

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** The categories people can file under (with their fields), fetched once an hour at most and shared by every page. */
export function useCategories() {
  return useQuery({
    queryKey: keys.categories(),
    queryFn: () => api<{ items: Category[] }>('/api/categories'),
    staleTime: 3_600_000,
  });
}
