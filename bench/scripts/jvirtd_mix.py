#!/usr/bin/env python3
"""The 10,000-call mix of jvirtd-bench.sh from python-libvirt: LOOKUP_BY_NAME, GET_INFO, GET_XML_DESC
and GET_VCPU_PIN_INFO in turn, from THREADS threads, each on its own connection (MODE per-thread) or
all on one (MODE shared), after a warm-up. Counts wire calls (python's vcpuPinInfo sends NODE_GET_CPU_MAP
and GET_INFO before GET_VCPU_PIN_INFO: those count as the calls they are). With SERVER_PID (env) it
also prints the CPU time (user + system) the server and this client spent in the timed part, per call:
on a 2-CPU machine the two share the CPUs, so a server's CPU per call counts as much as its latency.
    [SERVER_PID=PID] jvirtd_mix.py URI CALLS THREADS MODE   -> one line: label, calls, seconds, calls/s"""
import os
import resource
import sys
import threading
import time

import libvirt

uri, calls, threads, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
# one round: lookupByName (1 call), info (1), XMLDesc (1), vcpuPinInfo (3: cpu map, info, pin info)
PER_ROUND = 6
rounds = calls // PER_ROUND // threads
shared = libvirt.open(uri) if mode == "shared" else None
conns = [shared or libvirt.open(uri) for _ in range(threads)]
for c in conns:
    d = c.lookupByName("test")
    d.info(); d.XMLDesc(0); d.vcpuPinInfo(0)
start = threading.Barrier(threads + 1)


def work(conn):
    start.wait()
    for _ in range(rounds):
        d = conn.lookupByName("test")
        d.info()
        d.XMLDesc(0)
        d.vcpuPinInfo(0)


ts = [threading.Thread(target=work, args=(c,)) for c in conns]
for t in ts:
    t.start()
server = os.environ.get("SERVER_PID")


def cpu_seconds():
    """(server, client) CPU seconds so far: the server's from /proc (utime + stime, in clock ticks)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    if not server:
        return 0.0, r.ru_utime + r.ru_stime
    with open("/proc/%s/stat" % server) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), r.ru_utime + r.ru_stime


start.wait()
cpu0 = cpu_seconds()
t0 = time.perf_counter()
for t in ts:
    t.join()
dt = time.perf_counter() - t0
cpu1 = cpu_seconds()
n = rounds * PER_ROUND * threads
line = "%-44s calls=%d seconds=%.2f calls/s=%.0f" % (uri.split("?")[0] + " " + mode, n, dt, n / dt)
if server:
    line += " cpu_us/call: server=%.0f client=%.0f" % ((cpu1[0] - cpu0[0]) * 1e6 / n, (cpu1[1] - cpu0[1]) * 1e6 / n)
print(line)
