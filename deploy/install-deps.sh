#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing (apt-get update first).
#   libprotobuf-c-dev, protobuf-c-compiler   protobuf-c runtime, headers and protoc-c
#   protobuf-compiler, python3-protobuf      protoc + Python protobuf: code generation, golden vectors, Python clients
#   libprotobuf-dev                          google/protobuf/descriptor.proto, which proto/options.proto extends
#   libssl-dev                               the system's libcrypto: SHA-256 of stored secrets
#   libsqlite3-dev, pkg-config               the services' storage, library discovery
set -euo pipefail
packages=(libprotobuf-c-dev protobuf-c-compiler protobuf-compiler python3-protobuf libprotobuf-dev libssl-dev libsqlite3-dev pkg-config "$@")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
