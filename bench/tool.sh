# Sourced by the bench scripts, from the repository's root: sets `tool` to the binary they time,
# SAMHANDLING_BIN when it names one, else the release build (statically linked, as the README builds it).
if [ -n "${SAMHANDLING_BIN:-}" ]; then
  tool=$SAMHANDLING_BIN
else
  swift build -c release --static-swift-stdlib --product samhandling >/dev/null
  tool=$PWD/.build/release/samhandling
fi
