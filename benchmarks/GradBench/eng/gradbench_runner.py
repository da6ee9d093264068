#!/usr/bin/env python3
"""A small stand-in for GradBench's `gradbench run` intermediary (whose Rust CLI cannot be built here).

Starts an eval and a tool, relays every line from the eval to the tool and back, logs each line with the
time since the start (`{"elapsed": {"nanoseconds"}, "message"|"response"}`, the format of `gradbench run -o`),
and writes a summary of every evaluate message: success, the eval's analysis, and the tool's timings.

    gradbench_runner.py --eval "python3 python/gradbench/gradbench/evals/lse/run.py" \
                        --tool "dotnet DiffOpt.GradBench.dll" --log lse.jsonl --summary lse.json

Exit status: 0 when every evaluate succeeded and every analysis was valid, 1 otherwise, 2 on a protocol error.
Standard library only.
"""

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", required=True, help="command line of the eval")
    parser.add_argument("--tool", required=True, help="command line of the tool")
    parser.add_argument("--log", help="write every message and response here (JSON lines)")
    parser.add_argument("--summary", help="write the per-evaluate summary here (JSON)")
    parser.add_argument("--cwd", default=None, help="working directory of both processes")
    args = parser.parse_args()

    start = time.monotonic_ns()
    log = open(args.log, "w") if args.log else None

    def record(kind: str, payload: object) -> None:
        if log is not None:
            log.write(json.dumps({"elapsed": {"nanoseconds": time.monotonic_ns() - start}, kind: payload}) + "\n")
            log.flush()

    eval_proc = subprocess.Popen(shlex.split(args.eval), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=args.cwd)
    tool_proc = subprocess.Popen(shlex.split(args.tool), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=args.cwd)

    evaluations = {}  # id of an evaluate message -> its summary entry
    order = []
    status = 0
    module = None

    def write_summary() -> None:
        # Rewritten after every analysis, so a run that is cut short still leaves what it measured.
        if args.summary:
            with open(args.summary, "w") as f:
                json.dump({"module": module, "evaluations": order}, f, indent=1)
    try:
        while True:
            line = eval_proc.stdout.readline()
            if line == "":
                break
            message = json.loads(line)
            record("message", message)
            kind = message.get("kind")
            tool_proc.stdin.write(json.dumps(message) + "\n")
            tool_proc.stdin.flush()
            if kind == "end":
                break
            response_line = tool_proc.stdout.readline()
            if response_line == "":
                print(f"runner: the tool closed its output before answering message {message.get('id')}", file=sys.stderr)
                status = 2
                break
            response = json.loads(response_line)
            record("response", response)
            if response.get("id") != message.get("id"):
                print(f"runner: response id {response.get('id')} does not match message id {message.get('id')}", file=sys.stderr)
                status = 2
            if kind == "define":
                module = message.get("module")
                if not response.get("success"):
                    print(f"runner: define {module} failed: {response.get('error')}", file=sys.stderr)
                    status = max(status, 1)
            elif kind == "evaluate":
                timings = response.get("timings") or []
                runs = [t["nanoseconds"] for t in timings if t.get("name") == "evaluate"]
                prepare = [t["nanoseconds"] for t in timings if t.get("name") == "prepare"]
                entry = {
                    "id": message["id"],
                    "module": message.get("module"),
                    "function": message.get("function"),
                    "description": message.get("description"),
                    "success": bool(response.get("success")),
                    "error": response.get("error"),
                    "runs": len(runs),
                    "mean_ns": statistics.fmean(runs) if runs else None,
                    "min_ns": min(runs) if runs else None,
                    "prepare_ns": prepare[0] if prepare else None,
                    "valid": None,
                }
                evaluations[message["id"]] = entry
                order.append(entry)
                if not entry["success"]:
                    status = max(status, 1)
                    print(f"runner: {entry['function']} {entry['description']}: failed: {entry['error']}", file=sys.stderr)
            elif kind == "analysis":
                entry = evaluations.get(message.get("of"))
                if entry is not None:
                    entry["valid"] = bool(message.get("valid"))
                    if not entry["valid"]:
                        entry["error"] = message.get("error")
                        status = max(status, 1)
                    mean = entry["mean_ns"]
                    print(
                        f"{entry['module']} {entry['function']:>10} {str(entry['description']):>16}  "
                        f"{'valid' if entry['valid'] else 'INVALID'}  runs={entry['runs']:<5} "
                        f"mean={mean / 1e6 if mean is not None else float('nan'):.4f} ms",
                        file=sys.stderr,
                        flush=True,
                    )
                    if not entry["valid"]:
                        print(f"runner: analysis error: {message.get('error')}", file=sys.stderr)
                    write_summary()
            eval_proc.stdin.write(json.dumps(response) + "\n")
            eval_proc.stdin.flush()
    except BrokenPipeError:
        print("runner: a process closed its input early", file=sys.stderr)
        status = max(status, 2)
    finally:
        for proc in (tool_proc, eval_proc):
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass
        for proc in (eval_proc, tool_proc):
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        if log is not None:
            log.close()

    for entry in order:
        if entry["success"] and entry["valid"] is None:
            # The eval validates every successful evaluate; a missing analysis means it stopped early.
            status = max(status, 1)
    if eval_proc.returncode not in (0, None):
        print(f"runner: the eval exited with status {eval_proc.returncode}", file=sys.stderr)
        status = max(status, 1)

    write_summary()
    return status


if __name__ == "__main__":
    sys.exit(main())
