#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) and runs each for SECONDS (default 600)
# from a seed corpus of the real files in tests/data, two at a time (the machine has two cores).
#   scripts/fuzz.sh [SECONDS] [TARGET ...]      e.g. scripts/fuzz.sh 600 genbank fasta snapgene
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build-fuzz"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("${@:-genbank fasta snapgene embl}")
read -r -a TARGETS <<< "${TARGETS[*]}"

need=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${need[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ ! -f "$BUILD/build.ninja" ]; then
    CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DBENCHTOP_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD" --parallel "$(nproc)"

seeds() {   # the real files a reader should see
    case "$1" in
        genbank) find "$ROOT/tests/data/plasmids" "$ROOT/tests/data/tricky" -type f; echo "$ROOT/tests/data/genomes/lambda_NC_001416.gb" ;;
        embl) find "$ROOT/tests/data/embl" -type f ;;
        fasta) find "$ROOT/tests/data/fasta" -type f -name '*.fa*' -size -100k ;;
        snapgene) find "$ROOT/tests/data/snapgene" -type f ;;
    esac
}

run() {
    local target=$1 corpus="$BUILD/corpus/$1"
    mkdir -p "$corpus"
    seeds "$target" | while read -r f; do cp "$f" "$corpus/"; done
    local rc=0
    mkdir -p "$BUILD/artifacts"   # crash/leak/timeout inputs land here, not in the work tree
    "$BUILD/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$BUILD/artifacts/$target-" \
        -max_len=262144 -print_final_stats=1 "$corpus" > "$BUILD/fuzz_$target.log" 2>&1 || rc=$?
    echo "fuzz_$target: exit $rc, $(grep -E 'stat::number_of_executed_units' "$BUILD/fuzz_$target.log" | awk '{print $2}') executions (log: $BUILD/fuzz_$target.log)"
    return $rc
}

status=0
pids=()
for target in "${TARGETS[@]}"; do
    run "$target" & pids+=($!)
    if [ ${#pids[@]} -ge "$(nproc)" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
