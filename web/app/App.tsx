import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { ApiContext, createApiClient, isApiError } from '../lib/api';
import { AuthProvider } from '../lib/auth';
import { ConfigContext, type WebConfig } from '../lib/config';
import { sessionStore } from '../lib/session';
import { createAppRouter } from './router';

function createQueryClient(): QueryClient {
  const holder: { client?: QueryClient } = {};
  // A 401 anywhere ends the session: RequireAuth then sends the user to sign-in (and back after).
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401) {
      sessionStore.expire();
      window.setTimeout(() => holder.client?.clear(), 0);
    }
  };
  const client = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retry only what may succeed later: no network or a 5xx, never a 4xx.
        retry: (failures, error) =>
          failures < 2 && isApiError(error) && (error.isNetwork || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
  holder.client = client;
  return client;
}

export function App({ config }: { config: WebConfig }) {
  const [queryClient] = useState(createQueryClient);
  const [api] = useState(() => createApiClient(config.apiUrl));
  const [router] = useState(() => createAppRouter(config));
  return (
    <ConfigContext value={config}>
      <QueryClientProvider client={queryClient}>
        <ApiContext value={api}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </ApiContext>
      </QueryClientProvider>
    </ConfigContext>
  );
}
