#!/bin/sh
# Install the Debian packages listed in $1 that are not installed yet (quiet when none are missing).
# Runs apt-get only as root on a Debian-like system; elsewhere it says what to install and goes on.
set -eu
list="$1"
missing=""
for pkg in $(grep -v '^[[:space:]]*#' "$list" | awk 'NF {print $1}'); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "unbrace: please install these system packages:$missing" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "unbrace: optional system packages missing:$missing (sudo apt-get install$missing)" >&2
    exit 0
  fi
else
  SUDO=""
fi
echo "Installing system packages:$missing"
# Wait for another apt run (a second checkout setting up at the same time) instead of failing.
LOCK_WAIT="-o DPkg::Lock::Timeout=600"
$SUDO apt-get $LOCK_WAIT update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get $LOCK_WAIT install -y -qq --no-install-recommends $missing >/dev/null
