import { createApiClient } from '@switchyard/api-client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createTokenStore } from './app/auth/token-store';
import { createQueryClient } from './app/query-client';
import { createRouter } from './app/router';
import './styles/global.css';
import './styles/layout.css';
import './styles/components.css';

const tokens = createTokenStore(window.localStorage);
// Same origin: the control plane serves this app at / and the API at /api/v1 (Vite proxies /api in development).
const api = createApiClient({ baseUrl: '/api/v1', token: tokens.get, onUnauthorized: () => tokens.clear() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} queryClient={createQueryClient()} tokens={tokens} router={createRouter()} />
  </StrictMode>,
);
