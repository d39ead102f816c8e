#!/usr/bin/env bash
# Installs what is needed, builds fastcms and runs every test (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
# The PocketBase JS SDK for the end-to-end SDK test, pinned by tests/e2e/sdk/package-lock.json.
npm ci --no-audit --no-fund --prefix tests/e2e/sdk
# TypeScript (tsc --strict), swagger-parser and ajv for the `fastcms gen` tests, pinned by tests/e2e/gen/package-lock.json.
npm ci --no-audit --no-fund --prefix tests/e2e/gen
# s3rver, a real S3 server for the S3 storage tests, pinned by tests/e2e/s3/package-lock.json.
npm ci --no-audit --no-fund --prefix tests/e2e/s3
./scripts/build.sh
ctest --test-dir build --output-on-failure
