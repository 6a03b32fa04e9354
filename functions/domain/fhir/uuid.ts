/**
 * Deterministic UUIDs for FHIR `urn:uuid:` fullUrls, so exporting the same records twice gives the
 * same bundle. Pure (no `node:crypto` in the domain): a 128-bit non-cryptographic string hash
 * (cyrb128) laid out as an RFC 9562 version 8 ("custom") UUID. The names hashed are record ids and
 * codes, never PHI, and uniqueness within one export is all the fullUrls need.
 */
const hash128 = (text: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
};

/** The same name always gives the same lowercase UUID (version 8, RFC 4122 variant). */
export const uuidFrom = (name: string): string => {
  const hex = hash128(name)
    .map((part) => part.toString(16).padStart(8, '0'))
    .join('')
    .split('');
  hex[12] = '8'; // version
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16); // variant 10xx
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

export const urnUuid = (name: string): string => `urn:uuid:${uuidFrom(name)}`;
