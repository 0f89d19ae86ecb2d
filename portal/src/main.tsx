import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@cloudscape-design/global-styles/index.css';
import { App } from './app/App';
import { startSignIn } from './features/auth/start';
import { currentSession } from './lib/session';

// config.json decides the sign-in (Cognito or local), and a return from managed login is finished, before the
// first screen: no screen ever shows with the code still in the address or a session about to be replaced.
void startSignIn().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The frame (its own chunk, which sign-in screens do not need) downloads now when a signed-in screen comes next,
  // alongside the token or the first screen's own chunk instead of before it.
  if (currentSession() || window.location.pathname === '/local/sign-in') {
    void import('./features/shell/components/Shell');
  }
});
