// Keeps the composer above an on-screen keyboard in browsers that lay the keyboard over the page instead of resizing
// it (Safari on iOS ignores interactive-widget=resizes-content): while the visual viewport is shorter than the layout
// viewport by more than a zoom explains, the app is sized to the visible part (--cpm-app-height, read by phone.css).

/** The height the app should take, or null when the whole window is visible (no keyboard over it). */
export function keyboardFreeHeight(layoutHeight: number, visual: { height: number; scale: number; offsetTop: number }): number | null {
  // Pinch zoom shrinks the visual viewport by its scale; only what the scale does not explain is covered.
  const visible = visual.height * visual.scale;
  const covered = layoutHeight - visible;
  return covered > 80 ? Math.round(visual.height + visual.offsetTop) : null;
}

export function followOnScreenKeyboard(win: Window = window): () => void {
  const viewport = win.visualViewport;
  if (!viewport) return () => {};
  const root = win.document.documentElement;
  const update = () => {
    const height = keyboardFreeHeight(win.innerHeight, viewport);
    if (height === null) root.style.removeProperty('--cpm-app-height');
    else root.style.setProperty('--cpm-app-height', `${height}px`);
  };
  viewport.addEventListener('resize', update);
  viewport.addEventListener('scroll', update);
  update();
  return () => {
    viewport.removeEventListener('resize', update);
    viewport.removeEventListener('scroll', update);
  };
}
