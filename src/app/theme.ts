import { THEMES, type Theme } from '../config/community';
import { choose, chosen } from '../lib/choices';

/** The theme the person picked on this page before, if any (`cookies`: read once by the caller). */
export function storedTheme(cookies?: string): Theme | undefined {
  const value = chosen('theme', cookies);
  return THEMES.find((theme) => theme === value);
}

/** `data-theme` on `<html>` picks the colours; without it the device's setting does. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function chooseTheme(theme: Theme): void {
  applyTheme(theme);
  choose('theme', theme);
}
