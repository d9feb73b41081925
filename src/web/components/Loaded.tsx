import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorBox, Loading } from './Layout.js';

/**
 * What a query of a list shows: that it loads, its error (with a button to try again when `retry`), a message
 * when the list is empty, or the list drawn by `children`.
 */
export function Loaded<T>(props: {
  query: UseQueryResult<T>;
  empty: ReactNode;
  retry?: boolean;
  /** Whether there is nothing to show; by default, whether `items` is empty. */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorBox error={query.error} retry={props.retry ? () => query.refetch() : undefined} />;
  const empty = props.isEmpty ?? ((data: T) => (data as { items: unknown[] }).items.length === 0);
  if (empty(query.data)) return <p className="empty">{props.empty}</p>;
  return props.children(query.data);
}
