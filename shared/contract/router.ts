/**
 * The one transport-free router: validate → handler → Result. ipcMain and the
 * browser shell both call `dispatch`, so the renderer cannot tell them apart.
 */
import { channels, isChannel, type Channel, type ChannelOutput, type ChannelParsedInput } from './channels';
import { describeIssues, invalidInputDetail } from './input-issues';
import { err, ok, KasirError, type Result } from './result';

/**
 * Who a call came from, as the shell knows it: the Electron window's
 * webContents or the browser shell's page. Never taken from the input.
 */
export interface Caller {
  id: string;
}

/** What a handler learns besides its input: the caller id main decides sessions by. */
export interface HandlerContext {
  callerId: string;
}

export type Handler<C extends Channel> = (
  input: ChannelParsedInput<C>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type Handlers = { [C in Channel]: Handler<C> };

/** Where the router reports what went wrong inside a handler (never the renderer). */
export type RouterErrorSink = (channel: string, error: unknown) => void;

export interface Router {
  dispatch(channel: unknown, input: unknown, caller: Caller): Promise<Result<unknown>>;
}

const GENERIC = 'Something went wrong. Please try again.';

/** Builds the router over a complete handler table. */
/**
 * Turns a service's own typed failure (a full disk, a failed backup…) into
 * the contract error it means; null for anything else. Main supplies it:
 * shared code cannot know main's error classes.
 */
export type ErrorTranslator = (error: unknown) => KasirError | null;

export function createRouter(handlers: Handlers, onError: RouterErrorSink = () => {}, translate: ErrorTranslator = () => null): Router {
  return {
    async dispatch(channel, input, caller) {
      if (!isChannel(channel)) return err('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 64)}`);
      const spec = channels[channel];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) return err('INVALID_INPUT', describeIssues(parsed.error.issues), invalidInputDetail(parsed.error.issues));
      try {
        const handler = handlers[channel] as (i: unknown, ctx: HandlerContext) => unknown;
        const value = await handler(parsed.data, { callerId: caller.id });
        // Output is checked too: a handler must never leak a field the contract does not name.
        const out = spec.output.safeParse(value);
        if (!out.success) {
          onError(channel, new Error(`output failed its schema: ${describeIssues(out.error.issues)}`));
          return err('INTERNAL', GENERIC);
        }
        return ok(out.data);
      } catch (e) {
        const known = e instanceof KasirError ? e : translate(e);
        if (known) return err(known.code, known.message, { params: known.params, field: known.field });
        onError(channel, e);
        return err('INTERNAL', GENERIC);
      }
    },
  };
}
