#!/usr/bin/env bash
# GPU benchmark of DiffOpt's generated ILGPU kernels, as one command with a time limit.
#
#   benchmarks/gpu/run.sh publish        (on a machine with the .NET 10 SDK) builds the self-contained, single-file
#                                        linux-x64 binary into benchmarks/gpu/publish/ (git-ignored, ~40 MB)
#   benchmarks/gpu/run.sh [OUT] [ARGS]   runs it (publishing first if it is missing and dotnet exists): checks the
#                                        kernels against the CPU code, then times batched gradients on the accelerator
#                                        and the CPU baseline; writes results.json, summary.md and device.txt to OUT
#                                        (default: $OUT, else benchmarks/gpu/results) and prints a short summary.
#
# The GPU machine has no .NET: publish here, carry benchmarks/gpu/publish, and run there, e.g. with the device tool:
#   command: bash benchmarks/gpu/run.sh        carry: ["benchmarks/gpu/publish"]
# Extra ARGS go to the benchmark (--rosenbrock 1e6,1e7,1e8 --logistic 1e6,1e7 --features 16 --repeat 5
# --cpu-limit 1e7 --accelerator auto|cuda|opencl|cpu). BENCH_TIMEOUT (seconds, default 360) bounds the .NET run;
# when python3 can import jax, jax_baseline.py then times the same workloads with JAX (JAX_TIMEOUT, default 150 s).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
publish_dir="$here/publish"
binary="$publish_dir/DiffOpt.GpuBenchmarks"

publish() {
    dotnet publish "$here/DiffOpt.GpuBenchmarks/DiffOpt.GpuBenchmarks.csproj" -c Release -r linux-x64 \
        --self-contained true -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true \
        -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -o "$publish_dir"
    du -sh "$publish_dir"
}

if [[ "${1:-}" == "publish" ]]; then
    publish
    exit 0
fi

out="${1:-${OUT:-$here/results}}"
[[ $# -gt 0 ]] && shift
mkdir -p "$out"
if [[ ! -x "$binary" ]]; then
    if command -v dotnet >/dev/null; then publish; else echo "no $binary and no dotnet to publish it" >&2; exit 2; fi
fi

# ILGPU's CUDA backend needs the driver library (libcuda); LibDevice (double-precision Exp/Log/Sin on CUDA) needs the
# toolkit's libdevice bitcode and libnvvm, found through CUDA_PATH.
for dir in /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu; do
    [[ -d "$dir" ]] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$dir"
done
if [[ -z "${CUDA_PATH:-}" ]]; then
    for dir in /usr/local/cuda /usr/local/cuda-*; do
        if [[ -d "$dir/nvvm" ]]; then export CUDA_PATH="$dir"; break; fi
    done
fi
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="${DOTNET_BUNDLE_EXTRACT_BASE_DIR:-${TMPDIR:-/tmp}/diffopt-bundle}"

{
    date -u +"%Y-%m-%dT%H:%M:%SZ"
    uname -a
    echo "CUDA_PATH=${CUDA_PATH:-}"
    command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv || true
    ldconfig -p 2>/dev/null | grep -E "libcuda\.so|libnvvm" || true
} > "$out/device.txt" 2>&1

status=0
timeout "${BENCH_TIMEOUT:-360}" "$binary" --out "$out" "$@" 2>&1 | tee "$out/console.txt" || status=$?
# JAX on the same device, same workloads (when the machine's Python has it): vmap(grad) and grad of a summed loss.
if python3 -c "import jax" >/dev/null 2>&1; then
    timeout "${JAX_TIMEOUT:-150}" python3 "$here/jax_baseline.py" "$out" 2>&1 | tee "$out/jax.txt" || echo "jax baseline: exit $?" | tee -a "$out/jax.txt"
fi

echo "---- summary ($out) ----"
head -n 3 "$out/device.txt"
grep -E "^(device|verify|FAIL|NO GPU)|M items/s|reached" "$out/console.txt" || true
[[ -f "$out/jax.txt" ]] && grep -E "^jax|M items/s|exit" "$out/jax.txt" || true
echo "exit status: $status"
exit "$status"
