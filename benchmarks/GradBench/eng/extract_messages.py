#!/usr/bin/env python3
"""Writes the eval's messages of a runner log (gradbench_runner.py --log) as JSON lines: a recorded message
stream that tests/DiffOpt.GradBench.Tests replays through the tool.

    extract_messages.py lse-diffopt.jsonl > tests/DiffOpt.GradBench.Tests/Streams/lse.jsonl
"""

import json
import sys

for line in open(sys.argv[1]):
    entry = json.loads(line)
    if "message" in entry:
        print(json.dumps(entry["message"], separators=(",", ":")))
