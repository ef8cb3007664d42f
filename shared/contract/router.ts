/**
 * The one transport-free router: validate → handler → Result. ipcMain and the
 * browser shell both call `dispatch`, so the renderer cannot tell them apart.
 */
import { channels, isChannel, type Channel, type ChannelOutput, type ChannelParsedInput } from './channels';
import { err, ok, KasirError, type Result } from './result';

export type Handler<C extends Channel> = (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type Handlers = { [C in Channel]: Handler<C> };

/** Where the router reports what went wrong inside a handler (never the renderer). */
export type RouterErrorSink = (channel: string, error: unknown) => void;

export interface Router {
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Builds the router over a complete handler table. */
export function createRouter(handlers: Handlers, onError: RouterErrorSink = () => {}): Router {
  return {
    async dispatch(channel, input) {
      if (!isChannel(channel)) return err('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 64)}`);
      const spec = channels[channel];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) return err('INVALID_INPUT', describeIssues(parsed.error));
      try {
        const handler = handlers[channel] as (i: unknown) => unknown;
        const value = await handler(parsed.data);
        // Output is checked too: a handler must never leak a field the contract does not name.
        const out = spec.output.safeParse(value);
        if (!out.success) {
          onError(channel, new Error(`output failed its schema: ${describeIssues(out.error)}`));
          return err('INTERNAL', 'Something went wrong. Please try again.');
        }
        return ok(out.data);
      } catch (e) {
        if (e instanceof KasirError) return err(e.code, e.message);
        onError(channel, e);
        return err('INTERNAL', 'Something went wrong. Please try again.');
      }
    },
  };
}
