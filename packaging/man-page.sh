#!/usr/bin/env bash
# Writes fastcms(1), gzipped, from the binary's --help: the top-level help through help2man,
# plus a COMMANDS section with each command's and subcommand's --help.
# Usage: packaging/man-page.sh BUILD/fastcms OUTPUT.1.gz
set -euo pipefail
bin="$1"
out="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Commands are the lines under "Subcommands:" in a --help text.
subcommands() {
  "$bin" "$@" --help | awk '/^Subcommands:/ {on=1; next} on && /^[^ ]/ {on=0} on && NF {print $1}'
}

{
  echo "[COMMANDS]"
  for cmd in $(subcommands); do
    [ "$cmd" = "help" ] && continue
    echo ".SS \"fastcms $cmd\""
    echo ".nf"
    "$bin" "$cmd" --help | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"
    echo ".fi"
    for sub in $(subcommands "$cmd"); do
      echo ".SS \"fastcms $cmd $sub\""
      echo ".nf"
      "$bin" "$cmd" "$sub" --help | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"
      echo ".fi"
    done
  done
  echo "[FILES]"
  echo ".TP"
  echo ".I fastcms.config.json, .env, app/collections/, app/migrations/, data/"
  echo "A project folder; see the README."
  echo ".TP"
  echo ".I /usr/lib/systemd/system/fastcms@.service"
  echo "Runs \\fBfastcms serve\\fR in /var/lib/fastcms/INSTANCE as the fastcms user."
} > "$work/extra.h2m"

help2man --no-info --section=1 --name="backend toolchain and server (PocketBase-compatible API)" \
  --include="$work/extra.h2m" --output="$work/fastcms.1" "$bin"
gzip -9 -n -c "$work/fastcms.1" > "$out.tmp"
mv "$out.tmp" "$out"
