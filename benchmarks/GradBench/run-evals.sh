#!/usr/bin/env bash
# Runs GradBench evals against DiffOpt and against GradBench's hand-written C++ tool ("manual") on this machine,
# without Docker and without PyPI, and writes side-by-side timing tables. See docs/benchmarks.md ("GradBench").
#
#   benchmarks/GradBench/run-evals.sh [--gradbench DIR] [--out DIR] [--tools "manual diffopt"] EVAL[=ARGS] ...
#
#   EVAL=ARGS passes ARGS to the eval, e.g.  'gmm=-d 2 10 -k 5 10'.  Without EVALs: hello llsq lse det ode kmeans gmm.
#   --gradbench DIR  a GradBench checkout (default: exported from the git mirror in $GRADBENCH_GIT, by default
#                    /work/.mirror/gradbench+gradbench/repo, into a temporary folder; nothing is committed).
#   --out DIR        where logs, summaries and tables go (default: a temporary folder, printed at the end).
#   --tool-command C how to start DiffOpt's tool (default: build it here and run `dotnet DiffOpt.GradBench.dll`),
#                    e.g. a self-contained `dotnet publish` output on a machine without the .NET SDK.
#   --parallel       run the evals at the same time (one eval's manual and DiffOpt runs stay one after the
#                    other); only on a machine with a free core per eval.
#   PYTHON=…         the Python 3.11+ with numpy and scipy (default: Debian's /usr/bin/python3).
# Needs: .NET 10 SDK, g++, make, Debian's python3-numpy python3-scipy nlohmann-json3-dev (apt-get install -y ...).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"   # Debian's python, which has python3-numpy and python3-scipy
gradbench=""
out=""
tools="manual diffopt"
tool_command=""
parallel=no
evals=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gradbench) gradbench="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --tool-command) tool_command="$2"; shift 2 ;;
    --parallel) parallel=yes; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) evals+=("$1"); shift ;;
  esac
done
[[ ${#evals[@]} -gt 0 ]] || evals=(hello llsq lse det ode kmeans gmm)

work="$(mktemp -d /tmp/gradbench-diffopt.XXXXXX)"
out="${out:-$work/results}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# 1. GradBench sources in a temporary folder.
if [[ -n "$gradbench" ]]; then
  cp -r "$gradbench" "$work/gradbench"
else
  git_dir="${GRADBENCH_GIT:-/work/.mirror/gradbench+gradbench/repo}"
  mkdir -p "$work/gradbench"
  git --git-dir="$git_dir" archive HEAD cpp python tools/manual | tar -x -C "$work/gradbench"
  # evals/ holds the data files of ba, ht and lstm; a mirror may lack the largest ones, which are skipped.
  git --git-dir="$git_dir" ls-tree -r HEAD evals | while read -r _ _ object path; do
    mkdir -p "$work/gradbench/$(dirname "$path")"
    git --git-dir="$git_dir" cat-file blob "$object" > "$work/gradbench/$path" 2>/dev/null \
      || { rm -f "$work/gradbench/$path"; echo "note: $path is not in the mirror, skipped" >&2; }
  done
  echo "GradBench $(git --git-dir="$git_dir" rev-parse HEAD)" > "$out/gradbench-commit.txt"
fi
gb="$work/gradbench"

# 2. nlohmann/json, which GradBench's cpp/Makefile downloads: Debian's nlohmann-json3-dev instead.
if [[ ! -f "$gb/cpp/json.hpp" ]]; then
  [[ -f /usr/include/nlohmann/json.hpp ]] || { echo "install nlohmann-json3-dev (apt-get install -y nlohmann-json3-dev)" >&2; exit 1; }
  echo '#include <nlohmann/json.hpp>' > "$gb/cpp/json.hpp"
fi

# 3. The one pydantic feature the evals use, from a stand-in module (pydantic 2 is not in Debian 12).
mkdir -p "$work/shim"
cp "$here/eng/pydantic_standin/pydantic.py" "$work/shim/pydantic.py"
# The ht and lstm evals also import dataclasses_json (not in Debian 12): a stand-in too.
cp "$here/eng/dataclasses_json_standin/dataclasses_json.py" "$work/shim/dataclasses_json.py"
export PYTHONPATH="$work/shim:$gb/python/gradbench"

# 4. DiffOpt's tool, built from this repository.
if [[ -z "$tool_command" ]]; then
  dotnet build "$here/DiffOpt.GradBench.csproj" -c Release -m:1 -v:q -nologo >&2
  tool_command="dotnet $here/bin/Release/net10.0/DiffOpt.GradBench.dll"
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: $0 ${evals[*]}"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "dotnet: $(dotnet --version 2>/dev/null || echo "none (tool: $tool_command)"); g++: $(g++ -dumpfullversion); python: $($python --version 2>&1), numpy $($python -c 'import numpy; print(numpy.__version__)')"
  echo "DiffOpt commit: ${DIFFOPT_COMMIT:-$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
} > "$out/environment.txt"

run_eval() {
  local spec="$1" name eval_args="" tool tool_cmd status=0
  name="${spec%%=*}"
  [[ "$spec" == *=* ]] && eval_args="${spec#*=}"
  for tool in $tools; do
    case "$tool" in
      manual)
        if [[ ! -x "$gb/tools/manual/bin/$name" ]]; then
          echo "== $name: GradBench has no manual tool for it; DiffOpt's answers are checked by the eval alone" >&2
          continue
        fi
        tool_cmd="$python python/gradbench/gradbench/cpp.py manual" ;;
      diffopt) tool_cmd="$tool_command" ;;
      *) echo "unknown tool $tool" >&2; return 2 ;;
    esac
    echo "== $name on $tool ${eval_args:+($eval_args)}" >&2
    if ! (cd "$gb" && $python "$here/eng/gradbench_runner.py" \
        --eval "$python python/gradbench/gradbench/evals/$name/run.py $eval_args" \
        --tool "$tool_cmd" --log "$out/$name-$tool.jsonl" --summary "$out/$name-$tool.json") 2> "$out/$name-$tool.stderr"; then
      echo "!! $name on $tool: not every evaluation was valid (see $out/$name-$tool.jsonl)" >&2
      status=1
    fi
    grep -v '^diffopt: ' "$out/$name-$tool.stderr" >&2 || true
  done
  if [[ " $tools " == *" manual "* && " $tools " == *" diffopt "* && -f "$out/$name-manual.json" ]]; then
    $python "$here/eng/compare.py" "$out/$name-manual.json" "$out/$name-diffopt.json" > "$out/$name.md"
    { echo "## $name ${eval_args:+($eval_args)}"; cat "$out/$name.md"; } >&2
  fi
  return $status
}

# The evals validate against tools/manual/bin/<eval>, built here with g++ (single-threaded, -O3 -march=native).
# Not every eval has one (particle and saddle do not): those are skipped here and run on DiffOpt alone.
for spec in "${evals[@]}"; do
  if make -s -n -C "$gb/tools/manual" "bin/${spec%%=*}" > /dev/null 2>&1; then
    make -s -C "$gb/tools/manual" "bin/${spec%%=*}" >&2
  fi
done

status=0
if [[ "$parallel" == yes ]]; then
  pids=()
  for spec in "${evals[@]}"; do
    run_eval "$spec" 2> "$out/${spec%%=*}.log" & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  for spec in "${evals[@]}"; do cat "$out/${spec%%=*}.log" >&2; done
else
  for spec in "${evals[@]}"; do run_eval "$spec" || status=1; done
fi
echo "results in $out" >&2
exit $status
