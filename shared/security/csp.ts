/**
 * The renderer's Content-Security-Policy, sent by both shells. No remote
 * anything: scripts, styles, images and fonts come from the app bundle, QR
 * codes are drawn locally into data: images, and the renderer makes no network
 * calls at all (connect-src 'none').
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
