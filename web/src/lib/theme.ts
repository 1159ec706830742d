// The theme setting: light, dark or the system's. public/theme.js applies it before the first paint (it reads the same
// localStorage key); this side stores a change and asks that script to apply it again.

export const THEME_KEY = 'cpm.theme';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The theme a choice shows, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** Applies `choice` to the page now (the page script does it; the fallback keeps tests without it working). */
export function applyStoredTheme(choice: ThemeChoice): void {
  const w = window as unknown as { cpmApplyTheme?: (choice: ThemeChoice) => void };
  if (w.cpmApplyTheme) {
    w.cpmApplyTheme(choice);
    return;
  }
  const theme = resolveTheme(choice, window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}
