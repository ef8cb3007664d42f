import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n'; // before the app: the language is set before the first render
import { App } from './app';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
