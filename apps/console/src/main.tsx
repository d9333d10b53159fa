import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { ME_KEY } from './app/session.ts';
import { AppRoutes } from './app/routes.tsx';
import { ThemeRoot } from './app/ThemeRoot.tsx';
import { LangProvider } from './i18n/index.tsx';
import './styles.css';

// A session that expired mid-work sends everyone back to the login page.
const signedOutOn401 = (err: unknown) => {
  if (err instanceof ApiError && err.problem.status === 401) queryClient.setQueryData(ME_KEY, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signedOutOn401 }),
  mutationCache: new MutationCache({ onError: signedOutOn401 }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.problem.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <ThemeRoot>
          <BrowserRouter basename="/console">
            <AppRoutes />
          </BrowserRouter>
        </ThemeRoot>
      </LangProvider>
    </QueryClientProvider>
  </StrictMode>,
);
