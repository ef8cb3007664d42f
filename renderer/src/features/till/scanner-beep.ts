/**
 * The "not found" beep: a short square-wave tone made with Web Audio (an
 * oscillator, no sound file, nothing fetched — the CSP allows no media
 * source). A cashier looking at the customer, not the screen, hears that a
 * scan did not go in. One AudioContext per till, made on first use (after a
 * key press, so autoplay rules allow it).
 */

/** Plays one beep; a till without audio (no AudioContext, suspended device) stays silent, never throws. */
export type Beep = () => void;

/** A beep of `ms` at `hz`, reusing one AudioContext. */
export function createBeep(hz = 880, ms = 180): Beep {
  let ctx: AudioContext | null = null;
  return () => {
    try {
      ctx ??= new AudioContext();
      void ctx.resume();
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = hz;
      gain.gain.value = 0.12; // audible over a shop, not startling
      osc.connect(gain).connect(ctx.destination);
      const now = ctx.currentTime;
      osc.start(now);
      osc.stop(now + ms / 1000);
    } catch {
      // No audio on this machine: the message on screen still says it.
    }
  };
}
