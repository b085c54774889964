"""How long a command takes and how much memory it holds, for the benchmark (bench/run.py, bench/catalogue.py)."""

import os
import subprocess
import sys
import time

PYTHON = sys.executable

# Linux keeps a process's peak memory across exec: a command started from this process counted this one's size
# too. So a command whose peak is wanted runs under this small Python, which reports its children's alone.
PEAK_OF_CHILDREN = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
                    "print('bench-peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def measured(command, cwd, environment=None, peak=False):
    """(wall seconds, CPU seconds, peak MB, output) of a command and of every process it waited for (os.wait4's
    rusage of the child covers its reaped children too); `environment` is added to this one's. The peak
    memory is the command's own only with `peak` (PEAK_OF_CHILDREN, which adds some 15 ms of its start to the
    wall time: not for the shortest measurements), else None."""
    if peak:
        command = [PYTHON, "-I", "-S", "-c", PEAK_OF_CHILDREN, *map(str, command)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, **(environment or {})})
    output = process.stdout.read().decode(errors="replace")
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed in {cwd}:\n{output[-3000:]}")
    peak_mb = None
    if peak:  # the wrapper's line, the last of the output
        output, _, kilobytes = output.rpartition("bench-peak-kb ")
        peak_mb = int(kilobytes) / 1024
    return elapsed, usage.ru_utime + usage.ru_stime, peak_mb, output


def timed_with_memory(command, cwd, environment=None):
    """(seconds, peak MB) of a command (see measured)."""
    elapsed, _, peak, _ = measured(command, cwd, environment, peak=True)
    return elapsed, peak
