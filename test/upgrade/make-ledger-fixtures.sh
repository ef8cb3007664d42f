#!/usr/bin/env bash
# Regenerates test/fixtures/ledgers/v<N>.sqlite and v<N>.json: a ledger written
# by each earlier schema version's OWN code (see make-ledger-fixture.ts).
# For each shipped schema version it checks out the commit that shipped it
# into a temporary git worktree, links this checkout's node_modules into it,
# copies the generator in and runs it there with tsx. Nothing is left behind:
# worktrees, temp files and the emulator all go when it ends.
#
#   test/upgrade/make-ledger-fixtures.sh          # all versions
#   test/upgrade/make-ledger-fixtures.sh 2        # only v2
#
# Adding a schema version: append "<version> <commit that shipped it>" to
# VERSIONS once the step is released, run this, commit the new fixture.
set -euo pipefail

VERSIONS=(
  "1 ad8103c26278fa9e9437cee24c8efd90ebb41734"
  "2 64ef9d12ff4656b123fbd9e561cf18044fdb4f4a"
  "3 36bb4edaac494a3c445bf3aa05aef9bc8b54673f"
  "8 fc8ae08c90a43a22f40cc3dc7e7636b42d36f85d"
  "9 930cb48217894aa9636bd6fbdb5d224aef2912dd"
  "12 354857ab480e055f778d8321279606c81252b5c0"
  "13 6342e6085dae4d017d2fdf6c0a85c263a16d92a6"
  "14 3a412aa71096b9739174b889e7bd5d58ba3bde36"
  "15 d68f3051332f5befef13170aea0e3785ad389213"
)

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
out="$root/test/fixtures/ledgers"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/kasir-ledger-fixtures.XXXXXX")

cleanup() {
  for wt in "$work"/v*; do
    [ -d "$wt" ] && git -C "$root" worktree remove --force "$wt" >/dev/null 2>&1 || true
  done
  git -C "$root" worktree prune
  rm -rf "$work"
}
trap cleanup EXIT

for entry in "${VERSIONS[@]}"; do
  read -r version commit <<<"$entry"
  if [ "$#" -gt 0 ] && [[ " $* " != *" $version "* ]]; then continue; fi
  sha=$(git -C "$root" rev-parse --verify "$commit^{commit}")
  wt="$work/v$version"
  echo "v$version: writing a ledger with the code of ${sha:0:7}"
  git -C "$root" worktree add --detach --quiet "$wt" "$sha"
  ln -s "$root/node_modules" "$wt/node_modules"
  cp "$root/test/upgrade/make-ledger-fixture.ts" "$wt/make-ledger-fixture.ts"
  mkdir -p "$work/tmp"
  # Old code resolves its own modules from the worktree; its temp files land under $work.
  (cd "$wt" && TMPDIR="$work/tmp" "$root/node_modules/.bin/tsx" make-ledger-fixture.ts \
    "$version" "$sha" "$out/v$version.sqlite" "$out/v$version.json")
  git -C "$root" worktree remove --force "$wt"
done
echo "fixtures in ${out#"$root"/}: $(cd "$out" && ls)"
