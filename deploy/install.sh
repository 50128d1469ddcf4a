#!/usr/bin/env bash
# Installs Huanju Live as systemd services (run as root from the repository):
# builds release binaries, creates the huanju user, installs binaries to /opt/huanju/bin,
# the environment file to /etc/huanju/huanju.env (kept if present), the units — two socket
# units per service, which hold its sockets while it restarts, enabled here — and
# /etc/tmpfiles.d/huanju.conf (/run/huanju from boot).
#   deploy/install.sh && systemctl enable --now huanju.target
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root"; exit 1; }
deploy/install-deps.sh
swift build -c release
bin=$(swift build -c release --show-bin-path)
id huanju >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/huanju --shell /usr/sbin/nologin huanju
install -d -m 0755 /opt/huanju/bin
for exe in billing activation room-session huanjuctl; do install -m 0755 "$bin/$exe" /opt/huanju/bin/; done
install -m 0644 README.md /opt/huanju/README.md
install -d -m 0750 -g huanju /etc/huanju
[ -f /etc/huanju/huanju.env ] || install -m 0640 -g huanju deploy/systemd/huanju.env /etc/huanju/huanju.env
services=(billing activation room-session)
sockets=()
for service in "${services[@]}"; do sockets+=("huanju-$service.socket" "huanju-$service-admin.socket"); done
# A service installed before the socket units binds its own sockets and removes their files when
# it stops, which would take them from under its new socket units: stop it before they listen.
for service in "${services[@]}"; do
  if systemctl is-active --quiet "huanju-$service.service" 2>/dev/null &&
     ! systemctl is-active --quiet "huanju-$service.socket" 2>/dev/null; then
    echo "stopping huanju-$service.service: huanju-$service.socket and huanju-$service-admin.socket take over its sockets"
    systemctl stop "huanju-$service.service"
  fi
done
install -m 0644 deploy/systemd/huanju-*.service deploy/systemd/huanju-*.socket deploy/systemd/huanju.target /etc/systemd/system/
install -d -m 0755 /etc/tmpfiles.d
install -m 0644 deploy/systemd/huanju.tmpfiles /etc/tmpfiles.d/huanju.conf
systemd-tmpfiles --create /etc/tmpfiles.d/huanju.conf 2>/dev/null || install -d -m 0750 -o huanju -g huanju /run/huanju
systemctl daemon-reload 2>/dev/null || true
systemctl enable "${sockets[@]}" 2>/dev/null || echo "could not enable the socket units; run: systemctl enable ${sockets[*]}"
echo "installed; start with: systemctl enable --now huanju.target"
