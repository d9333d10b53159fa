import { App } from 'antd';
import { useMemo } from 'react';
import { problemTitle } from '../api/client.ts';

/** Toasts that follow the console's locale and theme; errors show the server's problem title. */
export function useNotify() {
  const { message } = App.useApp();
  return useMemo(
    () => ({
      error: (err: unknown) => void message.error(problemTitle(err)),
      success: (text: string) => void message.success(text),
    }),
    [message],
  );
}
