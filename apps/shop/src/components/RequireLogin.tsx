import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/session.ts';
import { QueryError } from './QueryError.tsx';
import { PageSkeleton } from './Skeletons.tsx';

/** Pages that need a shopper: signed-out visitors go to login and come back here after. */
export function RequireLogin() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
