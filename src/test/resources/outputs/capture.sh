#!/bin/bash
# Re-captures the real tool outputs under this directory (Debian 12, run as root).
# Loopback and a throwaway network namespace only. Writes exit codes to capture.log.
set -u
cd "$(dirname "$0")"
PORT=${PORT:-25201}
LOG=capture.log
: > "$LOG"
NS=pvb-cap

run() { # run <outfile-stem> <cmd...>: stdout -> stem.txt (or .json), stderr -> stem.stderr.txt
  local out=$1; shift
  "$@" > "$out" 2> "${out%.*}.stderr.txt"
  local rc=$?
  local note=""
  [ -s "${out%.*}.stderr.txt" ] || { rm -f "${out%.*}.stderr.txt"; note="$note stderr-empty"; }
  [ -s "$out" ] || { rm -f "$out"; note="$note stdout-empty"; }
  echo "$(date -u +%FT%TZ) rc=$rc$note $out :: $*" >> "$LOG"
}

server() { iperf3 -s -1 -p "$PORT" >/dev/null 2>&1 & SERVER=$!; sleep 1; }
client() { local out=$1; shift; server; run "$out" iperf3 -c 127.0.0.1 -p "$PORT" "$@"; wait "$SERVER"; }

mkdir -p iperf3 ping fping stress-ng fio
client iperf3/tcp-t3.json -J -t 3
client iperf3/tcp-t3-reverse.json -J -t 3 -R
client iperf3/tcp-t3-P4.json -J -t 3 -P 4
client iperf3/tcp-t4-i1.json -J -t 4 -i 1
client iperf3/udp-b100M-t3.json -u -b 100M -J -t 3
client iperf3/udp-b100M-t3-reverse.json -u -b 100M -J -t 3 -R
client iperf3/tcp-t3-O1.json -J -t 3 -O 1
client iperf3/tcp-t3-plain.txt -t 3
run iperf3/error-no-server.json iperf3 -c 127.0.0.1 -p "$PORT" -J -t 3
run iperf3/error-no-server-plain.txt iperf3 -c 127.0.0.1 -p "$PORT" -t 3

run ping/c10.txt ping -c 10 -i 0.2 127.0.0.1
run ping/c10-D.txt ping -D -c 10 -i 0.2 127.0.0.1
run ping/c10-q.txt ping -q -c 10 -i 0.2 127.0.0.1

ip netns del "$NS" 2>/dev/null
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" iptables -A INPUT -p icmp -m statistic --mode random --probability 0.3 -j DROP
run ping/loss-c30.txt ip netns exec "$NS" ping -c 30 -i 0.05 127.0.0.1
run ping/loss-O-c30.txt ip netns exec "$NS" ping -O -c 30 -i 0.2 127.0.0.1
run ping/loss-D-c30.txt ip netns exec "$NS" ping -D -c 30 -i 0.05 127.0.0.1
run fping/loss-c30.txt ip netns exec "$NS" fping -c 30 -p 50 127.0.0.1
run fping/loss-C30.txt ip netns exec "$NS" fping -C 30 -p 50 127.0.0.1
# UDP datagram loss: same random drop for UDP to the server port, server and client in the netns
ip netns exec "$NS" iptables -A INPUT -p udp --dport "$PORT" -m statistic --mode random --probability 0.05 -j DROP
ip netns exec "$NS" iperf3 -s -1 -p "$PORT" >/dev/null 2>&1 & SERVER=$!; sleep 1
run iperf3/udp-b100M-t3-loss.json ip netns exec "$NS" iperf3 -c 127.0.0.1 -p "$PORT" -u -b 100M -J -t 3
wait "$SERVER"
ip netns exec "$NS" iptables -F INPUT
ip netns exec "$NS" iptables -A INPUT -p icmp -j DROP
run ping/total-loss-c5.txt ip netns exec "$NS" ping -c 5 -W 1 127.0.0.1
run fping/total-loss-c5.txt ip netns exec "$NS" fping -c 5 -p 200 127.0.0.1
ip netns exec "$NS" iptables -F INPUT
# duplicate every echo reply: TEE clones it back to 127.0.0.1, ping sees (DUP!)
ip netns exec "$NS" iptables -t mangle -A POSTROUTING -p icmp --icmp-type echo-reply -j TEE --gateway 127.0.0.1
run ping/dup-c10.txt ip netns exec "$NS" ping -c 10 -i 0.2 127.0.0.1
run fping/dup-c10.txt ip netns exec "$NS" fping -c 10 -p 100 127.0.0.1
ip netns del "$NS"

run fping/c10.txt fping -c 10 -p 100 127.0.0.1
run fping/c10-q.txt fping -q -c 10 -p 100 127.0.0.1
run fping/C10.txt fping -C 10 -p 100 127.0.0.1
run fping/c25-Q1.txt fping -c 25 -p 100 -Q 1 127.0.0.1

run stress-ng/cpu1-t3-metrics-brief.txt stress-ng --cpu 1 --timeout 3s --metrics-brief
TMPY=$(mktemp -d)
run stress-ng/cpu1-t3-yaml.txt stress-ng --cpu 1 --timeout 3s --metrics-brief --yaml "$TMPY/out.yaml"
cp "$TMPY/out.yaml" stress-ng/cpu1-t3.yaml; rm -rf "$TMPY"
# pvebench's load shapes: memory held by a hanging vm worker; a load stopped by pkill (SIGTERM)
run stress-ng/cpu1-load30-vmhang-t2.txt stress-ng --cpu 1 --cpu-load 30 --vm 1 --vm-bytes 64m --vm-hang 0 --timeout 2s --metrics-brief
( sleep 3; pkill stress-ng ) &
run stress-ng/load-sigterm-after-3s.txt stress-ng --cpu 2 --cpu-load 50 --vm 1 --vm-bytes 64m --vm-hang 0 --hdd 1 --hdd-bytes 16m --temp-path /var/tmp --timeout 60s --metrics-brief
wait

TMPF=$(mktemp -d)
run fio/randrw-psync-16M-t3.json fio --name=t --rw=randrw --size=16M --runtime=3 --time_based --ioengine=psync --output-format=json --filename="$TMPF/fio.dat"
rm -rf "$TMPF"
