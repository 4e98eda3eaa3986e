# shellcheck shell=bash
# require_system_packages PROGRAM PACKAGE...: makes sure the Debian packages the build needs are installed.
# Installs the missing ones with apt-get when it can (root, or sudo without a password); otherwise says
# exactly what to install and returns 1. Prints one line per decision, prefixed with PROGRAM.
require_system_packages() {
  local program="$1"
  shift
  local missing=() package
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "$program: not a Debian-based system (no dpkg-query); make sure these are installed: $*" >&2
    return 0
  fi
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      echo "$program: missing system packages: ${missing[*]}" >&2
      echo "$program: install them with: sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$program: missing system packages: ${missing[*]}, and no apt-get to install them" >&2
    return 1
  fi
  echo "$program: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || return 1
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
  echo "$program: installed ${missing[*]}"
}
