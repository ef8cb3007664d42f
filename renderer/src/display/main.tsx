/** Entry of the customer-facing display page (display.html): no i18n, no stores, no invoke. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DisplayApp } from './display-app';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><DisplayApp /></StrictMode>);
