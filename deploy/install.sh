#!/usr/bin/env bash
# Installs Huanju Live as systemd services (run as root from the repository):
# builds release binaries, creates the huanju user, installs binaries to /opt/huanju/bin,
# the environment file to /etc/huanju/huanju.env (kept if present), and the units.
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
install -m 0644 deploy/systemd/huanju-*.service deploy/systemd/huanju.target /etc/systemd/system/
systemctl daemon-reload 2>/dev/null || true
echo "installed; start with: systemctl enable --now huanju.target"
