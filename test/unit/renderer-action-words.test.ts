import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { AUDIT_ACTIONS } from '../../electron/main/core/audit/actions';
import { PRIVILEGED_CHANNELS } from '../../shared/contract/channels';
import { actionWords, AUDIT_ACTION_NAMES, privilegedWords, type ActionTranslate } from '../../renderer/src/components/action-words';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';

/** A real i18next instance over the bundled resources, as the renderer has. */
function translator(lng: 'id' | 'en'): ActionTranslate {
  const instance = i18next.createInstance();
  void instance.init({ resources: { id: { translation: id }, en: { translation: en } }, lng, fallbackLng: 'id', initAsync: false });
  return (key, params) => instance.t(key, params ?? {});
}

describe('audit actions in words', () => {
  const mainActions = Object.values(AUDIT_ACTIONS).filter((a) => a !== AUDIT_ACTIONS.privilegedPrefix);

  it('offers exactly the actions main writes, plus one per privileged channel', () => {
    expect([...AUDIT_ACTION_NAMES].sort()).toEqual([...mainActions, ...PRIVILEGED_CHANNELS.map((c) => `privileged.${c}`)].sort());
  });

  it('words every action and every privileged channel in both languages, never as the raw name', () => {
    for (const lng of ['id', 'en'] as const) {
      const t = translator(lng);
      for (const action of AUDIT_ACTION_NAMES) {
        const text = actionWords(action, t);
        expect(text, `${lng} ${action}`).not.toBe(action);
        expect(text, `${lng} ${action}`).not.toMatch(/auditAction|privilegedAction|\{\{/);
      }
      for (const channel of PRIVILEGED_CHANNELS) expect(privilegedWords(channel, t), `${lng} ${channel}`).not.toBe(channel);
    }
  });

  it('reads a guarded call as an owner action in the reader’s language', () => {
    expect(actionWords('privileged.payments.refund', translator('id'))).toBe('Tindakan pemilik: pengembalian dana');
    expect(actionWords('privileged.payments.refund', translator('en'))).toBe('Owner action: refund');
    expect(actionWords('session.idle_sign_out', translator('id'))).toBe('Keluar otomatis (tidak dipakai)');
  });

  it('shows a name it has no words for as it is', () => {
    const t = translator('id');
    expect(actionWords('drawer.open', t)).toBe('drawer.open');
    expect(actionWords('privileged.drawer.open', t)).toBe('Tindakan pemilik: drawer.open');
    expect(privilegedWords('drawer.open', t)).toBe('drawer.open');
  });
});
