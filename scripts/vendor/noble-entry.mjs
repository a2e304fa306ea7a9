// The entry esbuild bundles into thidua/web/static/vendor/noble-curves-<version>.js (see
// scripts/vendor_js.sh): @noble/curves' ed25519 group and the hashes and byte helpers the
// ballot protocol (thidua/web/static/web/js/vote-protocol.js) needs, as window.nobleCurves.
export { ed25519 } from "@noble/curves/ed25519.js";
export { sha256, sha512 } from "@noble/hashes/sha2.js";
export {
  bytesToHex,
  bytesToNumberLE,
  concatBytes,
  equalBytes,
  hexToBytes,
  numberToBytesLE,
} from "@noble/curves/utils.js";
