#!/usr/bin/env bash
# Installs what Samhandling needs that Swift does not bring: the Graphviz C library and
# pkg-config (Debian: libgraphviz-dev), and libxml2's headers for the XES reader (libxml2-dev). Safe to run again: it installs only what is missing.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; exit 1; fi
}

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libgvc 2>/dev/null; then missing+=(libgraphviz-dev); fi
if ! pkg-config --exists libxml-2.0 2>/dev/null; then missing+=(libxml2-dev); fi
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt-get" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# gvc finds its layout and render plugins through a config file written at install time.
# Without it every render fails with "Format: svg not recognized"; regenerate it if absent.
plugin_dir="$(pkg-config --variable=libdir libgvc)/graphviz"
if ! ls "$plugin_dir"/config* >/dev/null 2>&1; then
  echo "setup: writing the Graphviz plugin configuration" >&2
  if command -v dot >/dev/null; then as_root dot -c
  elif [ -x /usr/sbin/libgvc6-config-update ]; then as_root /usr/sbin/libgvc6-config-update -c
  else echo "setup: cannot write the Graphviz plugin configuration in $plugin_dir" >&2; exit 1; fi
fi
