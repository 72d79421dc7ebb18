#!/usr/bin/env bash
# geth (go-ethereum), the dev chain of the Ethereum tests and of README's proxy-model steps, built
# from the Go module proxy at one exact version and cached per version, so a second build is a
# no-op. The tests (DevChain) find it with `geth.sh path`.
#   geth.sh build   build it unless cached (needs Go), then print its path
#   geth.sh path    print its path, or fail saying how to build it
set -euo pipefail
version=v1.16.7
dir="${XDG_CACHE_HOME:-$HOME/.cache}/camelot/geth/$version"
geth="$dir/geth"

case "${1:-}" in
  path)
    if [ ! -x "$geth" ]; then
      echo "geth $version is not built: run deploy/ethereum/geth.sh build (needs Go; .ci/run does it)" >&2
      exit 1
    fi
    ;;
  build)
    if [ ! -x "$geth" ]; then
      command -v go >/dev/null || { echo "geth.sh build needs Go (https://go.dev/doc/install)" >&2; exit 1; }
      echo "geth.sh: building geth $version (takes minutes)..." >&2
      mkdir -p "$dir"
      tmp="$(mktemp -d "$dir/build.XXXXXX")"
      trap 'rm -rf "$tmp"' EXIT
      # Built outside any module, so only the proxy's go-ethereum at exactly $version is used.
      (cd "$tmp" && GOBIN="$tmp" go install "github.com/ethereum/go-ethereum/cmd/geth@$version")
      mv "$tmp/geth" "$geth"
    fi
    ;;
  *)
    echo "usage: $0 build|path" >&2
    exit 2
    ;;
esac
echo "$geth"
