#!/usr/bin/env bash
# Regenerates crates/kehoach-core/tests/fixtures/libreoffice/: each seed exported as
# .docx by kehoach, opened and saved again as .docx by LibreOffice (headless). The
# test `libreoffice_round_trip` checks they get no presentation finding (issue 15,
# item 6). Run it when the .docx export changes; needs Debian's libreoffice-writer.
set -euo pipefail
cd "$(dirname "$0")/.."
out=crates/kehoach-core/tests/fixtures/libreoffice
work=$(mktemp -d)
cargo build -q -p kehoach-cli
for seed in crates/kehoach-core/tests/seeds/*; do
  n=$(basename "$seed" | cut -c1-3)
  target/debug/kehoach export --to docx "$seed" > "$work/$n.docx"
done
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work/saved" "$work"/*.docx > /dev/null
for f in "$work"/saved/*.docx; do
  cp "$f" "$out/$(basename "$f" .docx)-libreoffice.docx"
done
soffice --version | head -1 > "$out/VERSION"
rm -rf "$work"
