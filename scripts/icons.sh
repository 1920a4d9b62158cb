#!/usr/bin/env bash
# Renders icons/icon.svg to the PNG sizes the manifest lists. Run by hand after
# changing the SVG (needs Debian's librsvg2-bin); the PNGs are committed, so a build
# needs no image tool.
set -euo pipefail
cd "$(dirname "$0")/../icons"
for size in 32 192 512; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icon-$size.png"
done
