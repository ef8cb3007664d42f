import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract/channels';
import { createRouter, type Handlers } from '../../shared/contract/router';

const product = { sku: 'ES-TEH', name: 'Es Teh', price: 5_000, category: 'Minuman', active: true };

describe('typed text fields refuse control characters at the boundary', () => {
  it('a NUL in a product name is INVALID_INPUT on `name`, and the handler never runs', async () => {
    let saved = 0;
    const handlers = { 'catalog.save': () => { saved++; return product; } } as unknown as Handlers;
    const router = createRouter(handlers);
    for (const [field, value] of [['name', 'Es\u0000Teh'], ['category', 'Minu\u001bman'], ['name', 'Es\u007fTeh']] as const) {
      const res = await router.dispatch('catalog.save', { ...product, [field]: value }, { id: 'page-1' });
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
    }
    expect(saved).toBe(0);
  });

  it('ordinary Indonesian names (accents, symbols, spaces inside) still pass', () => {
    const parsed = channels['catalog.save'].input.safeParse({ ...product, name: '  Kopi Susu "Gula Aren" 250ml – é ' });
    expect(parsed.success && parsed.data.name).toBe('Kopi Susu "Gula Aren" 250ml – é');
  });
});
