#!/usr/bin/env bash
# `npm test`: lint → type-check → build → unit + integration (vitest) → e2e
# (Playwright), the keychain-using runners inside one private D-Bus session with
# a throwaway gnome-keyring. Ends with one line summing every runner.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json test-results/summary.txt
failed_stages=()

stage() {
  local name=$1; shift
  echo "── $name"
  if ! "$@"; then failed_stages+=("$name"); fi
}

stage lint npx eslint .
stage typecheck npm run -s typecheck
stage build npx electron-vite build

# Lint or type errors still let the tests run (more signal per CI run); a failed build does not.
if [[ " ${failed_stages[*]} " != *" build "* ]]; then
  test/keyring/with-keyring.sh bash -c '
    npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json; v=$?
    npx playwright test; p=$?
    exit $(( v || p ))' || failed_stages+=(tests)
fi

node test/summarize.mjs "${failed_stages[@]}" | tee test-results/summary.txt
[ ${#failed_stages[@]} -eq 0 ]
