/**
 * `npm run emulator -- [--port N] [--host H] [--state-dir D] [--notification-url URL]...
 *   [--no-persist] [--clock-offset SECONDS] [--snap-bi-retries verbatim|resign]`
 * Prints exactly one JSON line on stdout when ready (everything else goes to
 * stderr) and shuts down cleanly on SIGINT / SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './src/index';

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'state-dir': { type: 'string' },
        'notification-url': { type: 'string', multiple: true },
        'no-persist': { type: 'boolean' },
        'clock-offset': { type: 'string' },
        'snap-bi-retries': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${values.port}`);

  const offset = values['clock-offset'] === undefined ? undefined : Number(values['clock-offset']);
  if (offset !== undefined && !Number.isFinite(offset)) fail(`bad --clock-offset ${values['clock-offset']}`);
  const retries = values['snap-bi-retries'];
  if (retries !== undefined && retries !== 'verbatim' && retries !== 'resign') {
    fail(`--snap-bi-retries must be verbatim or resign, not ${retries}`);
  }

  const emu = await startEmulator({
    host: values.host,
    port,
    stateDir: values['state-dir'],
    notificationUrls: values['notification-url'],
    persist: values['no-persist'] ? false : undefined,
    clockOffsetSeconds: offset,
    settings: retries === undefined ? undefined : { snapBiRetries: retries },
  });
  // Installed before the ready line: a supervisor may signal as soon as it reads it.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: ${signal}, shutting down\n`);
    emu.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`emulator: close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const c = emu.credentials;
  process.stdout.write(
    `${JSON.stringify({
      coreApiUrl: emu.urls.coreApiUrl,
      snapBiUrl: emu.urls.snapBiUrl,
      simulatorUrl: emu.urls.simulatorUrl,
      caCertPath: emu.caCertPath,
      serverKey: c.serverKey,
      clientKey: c.clientKey,
      snapBi: {
        clientId: c.snapBi.clientId,
        clientSecret: c.snapBi.clientSecret,
        partnerId: c.snapBi.partnerId,
        channelId: c.snapBi.channelId,
        merchantId: c.snapBi.merchantId,
        merchantPrivateKeyPath: emu.keyPaths.merchantPrivateKeyPath,
        notificationPublicKeyPath: emu.keyPaths.notificationPublicKeyPath,
      },
    })}\n`,
  );
  process.stderr.write(`emulator: listening on ${emu.urls.coreApiUrl} (state in ${emu.stateDir})\n`);

}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
