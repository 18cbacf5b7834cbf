#!/bin/bash
# Re-captures the real `ip link` outputs in this directory: iproute2 in a throwaway user and
# network namespace (`unshare -rn`, no root needed), laid out like a Proxmox VE node's guest
# network. veth pairs stand in for the NIC (eno1) and the VM's tap device (tap101i0), since
# a namespace has no hardware; the firewall bridge (fwbr101i0 with fwpr101p0/fwln101i0) is
# what qemu-server builds for a NIC with firewall=1. This kernel has no bonding module, so
# there is no bond capture. Writes exit codes to capture-ip.log.
set -u
cd "$(dirname "$0")"
exec unshare -rn bash -s <<'INNER'
LOG=capture-ip.log
: > "$LOG"
run() { # run <stem> <cmd...>: stdout -> stem.txt/.json, stderr -> stem.stderr.txt
  local out=$1; shift
  "$@" > "$out" 2> "${out%.*}.stderr.txt"
  local rc=$?
  [ -s "${out%.*}.stderr.txt" ] || rm -f "${out%.*}.stderr.txt"
  [ -s "$out" ] || rm -f "$out"
  echo "$(date -u +%FT%TZ) rc=$rc $out :: $*" >> "$LOG"
}
ip link add vmbr0 type bridge
ip link add eno1 type veth peer name wire1
ip link set eno1 master vmbr0
ip link add fwbr101i0 type bridge
ip link add fwpr101p0 type veth peer name fwln101i0
ip link set fwpr101p0 master vmbr0
ip link set fwln101i0 master fwbr101i0
ip link add tap101i0 type veth peer name guest101
ip link set tap101i0 master fwbr101i0
for dev in lo wire1 eno1 vmbr0 fwpr101p0 fwln101i0 fwbr101i0 tap101i0 guest101; do ip link set "$dev" up; done
run node-link.json ip -j link
run node-link-details.json ip -j -d link
run node-link-master-vmbr0.json ip -j link show master vmbr0
run node-link-show.txt ip link show
run node-link-vmbr0-details.json ip -j -d link show dev vmbr0
run set-mtu-9000-vmbr0.txt ip link set dev vmbr0 mtu 9000
run after-bridge-9000.json ip -j link show master vmbr0
run vmbr0-after-9000.txt ip link show dev vmbr0
run set-mtu-70000-eno1.txt ip link set dev eno1 mtu 70000
run set-mtu-60-eno1.txt ip link set dev eno1 mtu 60
run set-mtu-word-eno1.txt ip link set dev eno1 mtu big
run set-mtu-nodev.txt ip link set dev eno9 mtu 9000
run show-nodev.json ip -j link show dev eno9
run set-bond-mode-on-veth.txt ip link set dev eno1 type bond mode 802.3ad
INNER
