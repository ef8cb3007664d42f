/**
 * Where the customer display goes: full screen on a second screen when there
 * is one (the one facing the customer), else a window beside the till's on
 * the only screen. Pure, so a unit test can check it without Electron.
 */

/** The part of Electron's `Display` this needs. */
export interface ScreenInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

export interface DisplayPlacement {
  bounds: { x: number; y: number; width: number; height: number };
  fullscreen: boolean;
}

/** The first screen that is not the primary one, full screen; else an 800×600 window on the primary. */
export function placeDisplay(screens: readonly ScreenInfo[], primaryId: number): DisplayPlacement {
  const other = screens.find((s) => s.id !== primaryId);
  if (other) return { bounds: { ...other.bounds }, fullscreen: true };
  const primary = screens.find((s) => s.id === primaryId) ?? screens[0];
  const area = primary?.bounds ?? { x: 0, y: 0, width: 1280, height: 800 };
  const width = Math.min(800, area.width);
  const height = Math.min(600, area.height);
  return { bounds: { x: area.x + area.width - width, y: area.y, width, height }, fullscreen: false };
}
