# What nightjar needs from Debian/Ubuntu, installed when missing.
# Sourced by scripts/setup and scripts/test; defines ensure_packages.

nightjar_packages=(
  liblua5.4-dev lua5.4         # the embedded Lua 5.4 (and luac for tests)
  libopenblas-dev liblapacke-dev  # BLAS and LAPACK behind ml.Matrix
  libedit-dev                  # the REPL's line editor
  libsqlite3-dev               # ml.read_sql
  libfast-float-dev            # correctly rounded number parsing
  pkg-config gcc               # system library flags; C modules in tests
)

ensure_packages() {
  local missing=() package
  for package in "${nightjar_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
      | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    "${missing[@]}" >&2
}

ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "nightjar needs the Swift 6 toolchain on PATH (swift.org/install);" \
      "Debian does not package it." >&2
    return 1
  fi
}
