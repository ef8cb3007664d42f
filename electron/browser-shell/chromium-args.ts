/**
 * The command line the browser shell starts Chromium with. The shell spawns
 * Chromium itself (chromium-process.ts) and attaches Playwright afterwards,
 * so these are the switches `chromium.launch` would pass — Playwright
 * 1.65's curated list (server/chromium/chromiumSwitches.ts and
 * Chromium._innerDefaultArgs), which its page automation relies on — plus
 * the shell's own. A unit test compares them with what `chromium.launch`
 * really passes, so a Playwright upgrade that changes its list is noticed.
 */

/** Features Playwright turns off (its issue numbers are in its chromiumSwitches.ts). */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

const ENABLED_FEATURES = ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'];

/** Playwright's switches for every Chromium it launches (no network chatter, no throttling, no first-run UI). */
export const PLAYWRIGHT_SWITCHES: readonly string[] = [
  '--disable-field-trial-config',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-component-extensions-with-background-pages',
  '--disable-component-update',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-edgeupdater',
  '--disable-extensions',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
  `--enable-features=${ENABLED_FEATURES.join(',')}`,
  '--allow-pre-commit-input',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-updater-scheduler',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-service-autorun',
  '--disable-search-engine-choice-screen',
  '--unsafely-disable-devtools-self-xss-warnings',
  '--enable-unsafe-swiftshader',
  '--edge-skip-compat-layer-relaunch',
  '--disable-stack-profiler',
  '--disable-infobars',
  '--disable-sync',
  '--do-not-de-elevate',
];

/** What Playwright adds in headless mode (no scrollbars or sound, a touch-free pointer). */
const HEADLESS_SWITCHES = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4',
];

/** The shell's own: no GPU (none on these machines), no QUIC (the renderer makes no network calls). */
export const SHELL_SWITCHES: readonly string[] = ['--disable-gpu', '--disable-quic'];

export interface ChromiumArgsOptions {
  headless: boolean;
  /** Chromium's sandbox; off only where it cannot run (as root, in CI containers). */
  sandbox: boolean;
  /** A fresh profile of this launch's own (removed when Chromium exits). */
  profileDir: string;
}

/**
 * Chromium's arguments: Playwright's switches, the shell's, a fresh profile,
 * CDP over the pipe on fds 3/4 (no TCP port another local process could
 * reach) and no window of its own: the shell opens its pages over CDP.
 */
export function chromiumArgs(opts: ChromiumArgsOptions): string[] {
  return [
    ...PLAYWRIGHT_SWITCHES,
    ...(opts.headless ? HEADLESS_SWITCHES : []),
    ...(opts.sandbox ? [] : ['--no-sandbox']),
    ...SHELL_SWITCHES,
    `--user-data-dir=${opts.profileDir}`,
    '--remote-debugging-pipe',
    '--no-startup-window',
  ];
}
