// VS Code's AuthenticationSession has no expiry; the access token (a JWT) carries it in `exp`. Only that claim
// is read; the token itself is never logged or returned from here.
const fallbackMs = 5 * 60_000;

export function tokenExpiresOn(accessToken: string, now = Date.now()): number {
  try {
    const payload = accessToken.split('.')[1];
    if (!payload) return now + fallbackMs;
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 > now ? exp * 1000 : now + fallbackMs;
  } catch {
    return now + fallbackMs;
  }
}
