// Entry point: bundled styles (KaTeX fonts included, nothing from a CDN) and the React root.
import 'katex/dist/katex.min.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/session.css';
import './styles/composer.css';
import './styles/overlays.css';
import './styles/markdown.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { ToastProvider } from './components/Toasts.js';

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
