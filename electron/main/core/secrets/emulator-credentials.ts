/**
 * The bundled emulator's credentials in the shapes the app uses: as secret
 * values (to store in a SecretStore, as a merchant's keys would be) and as
 * GatewayCredentials (the embedded default, which needs no keychain).
 */
import type { GatewayCredentials } from './credentials';
import type { SecretName } from './secret-store';

/**
 * The emulator's keys as this file reads them. Declared here, not imported:
 * app code reaches the emulator only through the composition root, which
 * passes the emulator's credentials object (it has this shape).
 */
export interface EmuCredentials {
  serverKey: string;
  clientKey: string;
  snapBi: {
    clientId: string;
    clientSecret: string;
    partnerId: string;
    channelId: string;
    merchantId: string;
    merchantPrivateKeyPem: string;
    notificationPublicKeyPem: string;
  };
}

/** Every secret a merchant would enter, filled from the emulator. */
export function emulatorSecretValues(emu: EmuCredentials): Record<SecretName, string> {
  const s = emu.snapBi;
  return {
    coreServerKey: emu.serverKey,
    coreClientKey: emu.clientKey,
    snapClientId: s.clientId,
    snapClientSecret: s.clientSecret,
    snapPartnerId: s.partnerId,
    snapChannelId: s.channelId,
    snapPrivateKey: s.merchantPrivateKeyPem,
    snapNotificationPublicKey: s.notificationPublicKeyPem,
  };
}

/** Gateway credentials for the emulator environment. */
export function emulatorGatewayCredentials(emu: EmuCredentials): GatewayCredentials {
  const s = emu.snapBi;
  return {
    env: 'emulator',
    core: { serverKey: emu.serverKey, clientKey: emu.clientKey },
    snapBi: {
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      partnerId: s.partnerId,
      channelId: s.channelId,
      privateKeyPem: s.merchantPrivateKeyPem,
      notificationPublicKeyPem: s.notificationPublicKeyPem,
      merchantId: s.merchantId,
    },
  };
}
