// Share links: the codec (encode, decode, diff, UI flags), the frozen v1 format and the bytes, in one import.
export {
  decodeShare,
  encodeShare,
  MAX_JSON_BYTES,
  MAX_PAYLOAD_CHARS,
  packShare,
  shareDiff,
  type DecodedShare,
  type ShareUi,
} from './codec';
export { fromBase64Url, toBase64Url } from './bytes';
export { SHARE_VERSION, V1_FROZEN_BASE, V1_SHORT_KEYS, V1_SHORT_METHODS } from './v1';
export { addressNotices, autostartOf, isShareHash } from './address';
