#!/usr/bin/env bash
# Campaign-detection benchmarks (release build): quality, datasketch, QUT, scale.
# Usage: crates/vigie-bench/campaigns.sh [SEED]   (from the workspace root)
# Needs the mlma-dev tweets (VIGIE_SHARED_DATA or /work/shared/data) and python3 with venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
SEED="${1:-1}"
DATA="${VIGIE_SHARED_DATA:-/work/shared/data}/mlma-dev"
VENV=target/bench-venv

# The Python side, once: datasketch and the QUT coordination-network-toolkit.
if [ ! -x "$VENV/bin/compute_networks" ] || ! "$VENV/bin/python" -c 'import datasketch' 2>/dev/null; then
  python3 -m venv "$VENV" || { echo "python3 -m venv failed: apt-get install -y python3-venv" >&2; exit 1; }
  "$VENV/bin/pip" install -q datasketch coordination-network-toolkit
fi

# --no-default-features: vigie-campaigns needs vigie-core only, not the store.
cargo build --release -p vigie-bench --no-default-features --bin vigie-campaigns
BIN=target/release/vigie-campaigns
"$BIN" --data "$DATA" --seed "$SEED" quality --seeds "$SEED,$((SEED + 1)),$((SEED + 2))"
"$BIN" --data "$DATA" --seed "$SEED" datasketch --python "$VENV/bin/python"
"$BIN" --data "$DATA" --seed "$SEED" qut --compute-networks "$VENV/bin/compute_networks"
"$BIN" --data "$DATA" --seed "$SEED" scale
