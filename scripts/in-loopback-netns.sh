#!/usr/bin/env bash
# Runs a command in a new network namespace that holds only loopback (STACK.md: WebRTC with no
# ICE servers offers host candidates on every interface, so browser calls must see only 127.0.0.1).
# Needs root or unprivileged user namespaces (CI runs as root). Already inside one: runs directly.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [ "${BH_IN_LOOPBACK_NETNS:-}" = "1" ]; then
  exec "$@"
fi

if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
  echo "in-loopback-netns: 'unshare' (util-linux) and 'ip' (iproute2) are required to run the browser tests in a loopback-only network namespace." >&2
  echo "Install them (apt-get install -y util-linux iproute2) and run as root, or with unprivileged user namespaces enabled." >&2
  exit 1
fi

# As root a plain network namespace; otherwise map the user to root in a new user namespace.
flags=(-n)
if [ "$(id -u)" != "0" ]; then
  flags=(-r -n)
fi

if ! unshare "${flags[@]}" -- true 2>/dev/null; then
  echo "in-loopback-netns: cannot create a network namespace here (unshare ${flags[*]} failed)." >&2
  echo "Run as root (as CI does) or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)." >&2
  exit 1
fi

export BH_IN_LOOPBACK_NETNS=1
exec unshare "${flags[@]}" -- bash -c 'ip link set lo up && exec "$@"' in-loopback-netns "$@"
