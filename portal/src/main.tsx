import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@cloudscape-design/global-styles/index.css';
import { App } from './app/App';
import { startSignIn } from './features/auth/start';

// config.json decides the sign-in (Cognito or local), and a return from managed login is finished, before the
// first screen: no screen ever shows with the code still in the address or a session about to be replaced.
void startSignIn().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
