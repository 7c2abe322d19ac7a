/**
 * The console's security headers, one description for the local stack and
 * for CloudFront: scripts, styles and images from the console's own origin
 * only (the bundle has no inline script or style), API calls only to the
 * origins named, never framed, no referrer.
 */
export function consoleContentSecurityPolicy(connectTo: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${["'self'", ...connectTo].join(' ')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every console file besides the CSP (CloudFront adds HSTS itself, for two years). */
export const CONSOLE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** Two years, subdomains included: browsers never try plain HTTP for the console again. */
export const HSTS_SECONDS = 63_072_000;
