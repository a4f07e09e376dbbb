# Source this file: it puts Node >= 22.19 first on PATH. When the machine's node is older
# (Node 20 is still common), it installs the npm registry's node@22 package — a real Node 22
# binary, from the registry like any other package — into a cache folder, once.
#   source scripts/use-node-22.sh

AVATAR_LOOKS_NODE_VERSION="${AVATAR_LOOKS_NODE_VERSION:-22.23.3}"
AVATAR_LOOKS_NODE_DIR="${AVATAR_LOOKS_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/avatar-looks-mcp/node-$AVATAR_LOOKS_NODE_VERSION}"

_avatar_looks_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=19)?0:1)'
}

if ! _avatar_looks_node_ok; then
  if [ ! -x "$AVATAR_LOOKS_NODE_DIR/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo 'not found') is older than 22.19: installing node@$AVATAR_LOOKS_NODE_VERSION from the npm registry into $AVATAR_LOOKS_NODE_DIR" >&2
    mkdir -p "$AVATAR_LOOKS_NODE_DIR"
    npm install --prefix "$AVATAR_LOOKS_NODE_DIR" --no-save --no-audit --no-fund --loglevel=error "node@$AVATAR_LOOKS_NODE_VERSION" >&2
  fi
  export PATH="$AVATAR_LOOKS_NODE_DIR/node_modules/.bin:$PATH"
  hash -r
  if ! _avatar_looks_node_ok; then
    echo "Could not get Node >= 22.19 (node is $(node --version 2>/dev/null || echo 'missing')). Install Node 22 and try again." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
unset -f _avatar_looks_node_ok
