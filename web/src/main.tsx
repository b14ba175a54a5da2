import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerServiceWorker } from './app/serviceWorker';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(<App />);
registerServiceWorker();
