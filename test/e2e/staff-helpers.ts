/**
 * Staff steps the specs share: the owner made through the contract (for
 * specs about something else) or through the UI (owner setup), a cashier
 * added by the owner, signing in on the PIN pad, and approving with the
 * owner PIN in the prompt. PINs here pass the main process's PIN policy.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const OWNER = { name: 'Bu Sari', pin: '481516' } as const;
export const CASHIER = { name: 'Dewi', pin: '5821' } as const;

/** The two counter-screen sizes every screenshot is taken at. */
const SCREENS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
] as const;

/**
 * Screenshots for the record at 1024×768 and 1366×768, as
 * `test-results/screenshots/<name>-1024.png` / `-1366.png` (apart from
 * Playwright's own output dir, which it empties); the page goes back to its size after.
 */
export async function shots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const size of SCREENS) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/screenshots/${name}-${size.width}.png` });
  }
  if (before) await page.setViewportSize(before);
}

/**
 * Creates the owner through the contract from the default-cashier page; that
 * page is then the owner's (the UI follows `session.changed`). Returns the recovery code.
 */
export async function createOwner(page: Page, owner: { name: string; pin: string } = OWNER): Promise<string> {
  const res = await page.evaluate((o) => window.kasir.invoke('staff.createOwner', o), owner);
  if (!res.ok) throw new Error(`createOwner: ${res.code} ${res.message}`);
  await expect(page.getByTestId('session-bar')).toHaveAttribute('data-role', 'owner');
  return res.value.recoveryCode;
}

/** The owner (signed in on `page`) adds a cashier; returns the cashier's staff id. */
export async function addCashier(page: Page, cashier: { name: string; pin: string } = CASHIER): Promise<string> {
  const res = await page.evaluate((c) => window.kasir.invoke('staff.create', { ...c, role: 'cashier' }), cashier);
  if (!res.ok) throw new Error(`addCashier: ${res.code} ${res.message}`);
  return res.value.id;
}

/** The staff id of an active member by name, from the sign-in roster. */
export async function staffIdOf(page: Page, name: string): Promise<string> {
  const res = await page.evaluate(() => window.kasir.invoke('session.roster'));
  const found = res.ok ? res.value.find((s) => s.name === name) : undefined;
  if (!found) throw new Error(`no staff member named ${name}`);
  return found.id;
}

/** The owner's one-time approval, for contract calls a test makes as a cashier. */
export async function ownerApproval(page: Page, pin: string = OWNER.pin): Promise<{ staffId: string; pin: string }> {
  const res = await page.evaluate(() => window.kasir.invoke('session.roster'));
  const owner = res.ok ? res.value.find((s) => s.role === 'owner') : undefined;
  if (!owner) throw new Error('no owner in the roster');
  return { staffId: owner.id, pin };
}

/**
 * Signs in on the sign-in screen that is showing (full screen, or opened by
 * "Switch cashier"): tap the name, type the PIN on the pad's keys, ✓.
 */
export async function signInOnPad(page: Page, who: { name: string; pin: string }): Promise<void> {
  const screen = page.getByTestId('sign-in');
  await expect(screen).toBeVisible();
  await screen.locator(`[data-name="${who.name}"]`).click();
  for (const digit of who.pin) await page.getByTestId(`sign-in-pin-key-${digit}`).click();
  await expect(page.getByTestId('sign-in-pin-count')).toHaveAttribute('data-digits', String(who.pin.length));
  await page.getByTestId('sign-in-pin-submit').click();
  await expect(screen).toHaveCount(0);
  await expect(page.getByTestId('session-who')).toContainText(who.name);
}

/** "Switch cashier" from the top bar, then sign in as `who`. */
export async function switchTo(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByTestId('session-switch').click();
  await signInOnPad(page, who);
}

/** Types the owner PIN into the open approval prompt (from the keyboard) and sends it. */
export async function approve(page: Page, pin: string = OWNER.pin): Promise<void> {
  const input = page.getByTestId('approval-pin-input');
  await expect(input).toBeFocused();
  await input.fill(pin);
  await input.press('Enter');
}
