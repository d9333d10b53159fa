import { Alert } from 'antd';
import { ApiError, problemTitle } from '../api/client.ts';

/** A failed request as the server put it: the problem's Chinese title and, when it says more, its detail. */
export function ProblemAlert({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemTitle(error)}
      description={detail}
      style={{ marginBottom: 16 }}
      data-testid={testId}
    />
  );
}
