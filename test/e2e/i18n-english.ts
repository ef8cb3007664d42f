/**
 * What "English on an Indonesian screen" means for the i18n-everywhere spec:
 * every string of the English resources that differs from its Indonesian
 * twin, and the English messages main and the emulator write (collected from
 * their sources at test time, so a new message is covered without a list to
 * keep). Texts are split at their placeholders (`{{x}}`, `${x}`) into fixed
 * fragments; a fragment of two or more words may not appear inside any text
 * on screen, a single word may not be a whole text on its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';

/** Names and tokens that are the same word in any language (brands, methods, units, codes). */
const ALLOWED = new Set(
  [
    'Kasir', 'Midtrans', 'QRIS', 'GoPay', 'ShopeePay', 'DANA', 'OVO', 'BCA', 'BNI', 'BRI', 'CIMB', 'Permata', 'Mandiri',
    'Indomaret', 'Alfamart', 'OK', 'PIN', 'SKU', 'CSV', 'ID', 'EN', 'English', 'Sandbox', 'Emulator', 'Total', 'Subtotal',
    'Email', 'Status', 'Online', 'Offline', 'Demo', 'DEMO', 'Barcode', 'Rp', 'Z', 'WIB', 'WITA', 'WIT', 'NPWP', 'PPN',
  ].map((w) => w.toLowerCase()),
);

/** Flattens a resource tree into `key → text`. */
function flatten(tree: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

const words = (text: string): string[] => text.match(/[A-Za-z]{2,}/g) ?? [];

/** The fixed parts of a text between its placeholders, trimmed of punctuation and spaces. */
function fragmentsOf(text: string): string[] {
  return text
    .split(/\{\{[^}]*\}\}|\$\{[^}]*\}|<[^>]*>|\n/)
    .map((f) => f.replace(/^[\s.,:;!?()“”"'’…·—–\-+×/]+|[\s.,:;!?()“”"'’…·—–\-+×/]+$/g, ''))
    .filter((f) => words(f).length > 0);
}

/** Every Indonesian resource text, lower-cased and joined, to drop English fragments Indonesian uses too ("virtual account"). */
const indonesian = [...flatten(id).values()].join('\n').toLowerCase();
const indonesianWords = new Set(words(indonesian));

/** Where an English text came from, for the failure message. */
export interface EnglishText {
  text: string;
  source: string;
}

/** English texts to look for: multi-word `phrases` (contained anywhere) and single `words` (a whole text on screen). */
export interface EnglishVocabulary {
  phrases: EnglishText[];
  words: EnglishText[];
}

function add(vocab: EnglishVocabulary, seen: Set<string>, text: string, source: string): void {
  for (const fragment of fragmentsOf(text)) {
    const w = words(fragment);
    const key = fragment.toLowerCase();
    if (seen.has(key) || ALLOWED.has(key)) continue;
    if (w.length >= 2 && fragment.replace(/[^A-Za-z]/g, '').length >= 8) {
      if (indonesian.includes(key)) continue;
      seen.add(key);
      vocab.phrases.push({ text: fragment, source });
    } else if (w.length === 1 && w[0]!.length >= 3 && fragment === w[0] && !indonesianWords.has(key)) {
      seen.add(key);
      vocab.words.push({ text: fragment, source });
    }
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A string literal ('…', "…" or `…`) right after `pattern`. */
function literalsAfter(source: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const re = new RegExp(`${pattern.source}\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|"((?:[^"\\\\]|\\\\.)*)"|\`((?:[^\`\\\\]|\\\\.)*)\`)`, 'g');
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2] ?? m[3] ?? '');
  return found;
}

/**
 * Main's English messages (`new KasirError('CODE', '…')`, `err('CODE', '…')`,
 * gateway error messages) and the emulator's Midtrans-style answers
 * (`status_message`, `responseMessage`, injected faults), from their sources.
 */
export function mainMessages(root = process.cwd()): EnglishText[] {
  const out: EnglishText[] = [];
  const patterns = [
    /new KasirError\(\s*'[A-Z_]+',/,
    /\berr\(\s*'[A-Z_]+',/,
    /new GatewayError\([^,]*,/,
    /status_message:/,
    /responseMessage:/,
    /apiError\([^,]*,[^,]*,/,
    /message:/,
  ];
  for (const dir of ['electron/main', 'shared', 'emulator/src']) {
    for (const file of sourceFiles(join(root, dir))) {
      const source = readFileSync(file, 'utf8');
      for (const pattern of patterns) {
        for (const text of literalsAfter(source, pattern)) out.push({ text, source: file.slice(root.length + 1) });
      }
    }
  }
  return out;
}

/** The vocabulary: the English resources (where they differ from Indonesian) and main's and the emulator's messages. */
export function englishVocabulary(extra: readonly EnglishText[] = []): EnglishVocabulary {
  const vocab: EnglishVocabulary = { phrases: [], words: [] };
  const seen = new Set<string>();
  const ids = flatten(id);
  for (const [key, text] of flatten(en)) {
    if (ids.get(key) === text) continue; // the same in both languages (a brand, a code)
    add(vocab, seen, text, `en:${key}`);
  }
  for (const m of [...mainMessages(), ...extra]) add(vocab, seen, m.text, m.source);
  return vocab;
}

/** One text the cashier can see (or hear from a screen reader), with where it is. */
export interface ScreenText {
  text: string;
  where: string;
}

/** Every visible text node, and the title / aria-label / placeholder / alt of visible elements. */
export async function screenTexts(page: Page): Promise<ScreenText[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const whereOf = (el: Element): string => el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName.toLowerCase();
    const visible = (el: Element): boolean => (el.closest('select') ? (el.closest('select') as Element).checkVisibility() : el.checkVisibility({ visibilityProperty: true }));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script,style,noscript') || !visible(el)) continue;
      out.push({ text, where: whereOf(el) });
    }
    for (const el of Array.from(document.querySelectorAll('[title],[aria-label],[placeholder],[alt]'))) {
      if (!visible(el)) continue;
      for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push({ text: value, where: `${whereOf(el)}@${attr}` });
      }
    }
    return out;
  });
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English found on screen: each hit as "<where>: “<text>” has “<english>” (<source>)". */
export function englishOn(texts: readonly ScreenText[], vocab: EnglishVocabulary): string[] {
  const hits: string[] = [];
  const phrases = vocab.phrases.map((p) => ({ ...p, re: new RegExp(`(^|[^A-Za-z])${escape(p.text)}($|[^A-Za-z])`, 'i') }));
  const single = new Map(vocab.words.map((w) => [w.text.toLowerCase(), w]));
  for (const { text, where } of texts) {
    const whole = single.get(text.replace(/[.:!?]+$/, '').toLowerCase());
    if (whole) hits.push(`${where}: “${text}” is “${whole.text}” (${whole.source})`);
    for (const p of phrases) if (p.re.test(text)) hits.push(`${where}: “${text}” has “${p.text}” (${p.source})`);
  }
  return hits;
}
