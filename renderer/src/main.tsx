// First: the start's reads go to main now, while the rest of the bundle runs (start-calls.ts).
import './start-calls';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n'; // before the app: the language is set before the first render
import { App } from './app';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
