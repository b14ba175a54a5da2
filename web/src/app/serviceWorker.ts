// Registers the service worker the build writes (vite-plugin-pwa, web/vite.config.ts): the console then opens
// without a signal and installs as an app. Not in development (the dev server has no built shell to cache).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  });
}
