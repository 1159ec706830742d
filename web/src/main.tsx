// Entry point: bundled styles and the React root. KaTeX's styles and fonts load with KaTeX, when a message has math.
// index.html runs boot.ts before this, as its own script.
import './styles/base.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/session.css';
import './styles/composer.css';
import './styles/overlays.css';
import './styles/markdown.css';
import './pwa/phone.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { ToastProvider } from './components/Toasts.js';
import { followOnScreenKeyboard } from './pwa/keyboard.js';
import { registerServiceWorker } from './pwa/serviceWorker.js';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ToastProvider>
        <App />
      </ToastProvider>
    </StrictMode>,
  );
}
registerServiceWorker();
followOnScreenKeyboard();
