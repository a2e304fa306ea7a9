#!/usr/bin/env bash
# Bundle @noble/curves (and the @noble/hashes it uses) from node_modules/ into ONE file served by
# the app, thidua/web/static/vendor/noble-curves-<version>.js, an IIFE that sets
# window.nobleCurves = {ed25519, sha256, sha512, byte helpers}. The bundle is committed: running
# the app needs no npm. To upgrade: change the versions in package.json, `npm install`, run this
# script, and update thidua/web/static/vendor/README.md and the pages that load the file.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
version=$(node -p 'require("./node_modules/@noble/curves/package.json").version')
vendor=thidua/web/static/vendor
rm -f "$vendor"/noble-curves-*.js
npx esbuild scripts/vendor/noble-entry.mjs \
  --bundle --format=iife --global-name=nobleCurves --minify --target=es2020 \
  --legal-comments=inline \
  --outfile="$vendor/noble-curves-$version.js"
cp node_modules/@noble/curves/LICENSE "$vendor/noble-curves-LICENSE"
cp node_modules/@noble/hashes/LICENSE "$vendor/noble-hashes-LICENSE"
echo "$vendor/noble-curves-$version.js"
