import assert from 'node:assert/strict';
import { tokenExpiresOn } from '../../../src/ui/azure/jwtExpiry';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('access token expiry from the JWT exp claim', () => {
  const now = 1_800_000_000_000;
  it('reads exp', () => {
    assert.equal(tokenExpiresOn(jwt({ exp: now / 1000 + 3600 }), now), now + 3600_000);
  });
  it('falls back to five minutes for opaque, expired or malformed tokens', () => {
    for (const t of ['opaque', jwt({ exp: now / 1000 - 10 }), jwt({}), 'a.!!!.b']) assert.equal(tokenExpiresOn(t, now), now + 300_000, t);
  });
});
