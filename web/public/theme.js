// Applies the person's theme (Settings: light, dark or the system's) before the first paint: index.html loads this
// file ahead of the app, because the CSP allows no inline script. The app calls window.cpmApplyTheme(choice) after a change.
(() => {
  const KEY = 'cpm.theme';
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  function choice() {
    try {
      const value = JSON.parse(localStorage.getItem(KEY) || '"system"');
      return value === 'light' || value === 'dark' ? value : 'system';
    } catch {
      return 'system';
    }
  }
  // `picked` is the new setting when the app calls this, before its own write to localStorage has happened.
  function apply(picked = choice()) {
    const theme = picked === 'system' ? (media.matches ? 'dark' : 'light') : picked;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }
  apply();
  media.addEventListener('change', () => apply());
  // Another tab changed the setting.
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) apply();
  });
  window.cpmApplyTheme = apply;
})();
