#!/usr/bin/python3
"""libvirt's side of the in-process vCPU hot-plug benchmark (QemuHotplugVsLibvirt).

Holds one connection to qemu:///system. For each line "NAME XMLFILE [SETTLE_MS [PROGRESS_MS]]" on
standard input it creates that domain afresh (transient, started), waits SETTLE_MS (default 0),
then until the guest's vCPU threads have run PROGRESS_MS (default 0; at most 2 s), times
dom.setVcpusFlags(4, AFFECT_LIVE) alone, checks that 4 vCPUs are live, destroys the domain and
prints the plug's nanoseconds, the CPU time the guest's vCPU threads had used when it began
(GuestProgress on the jvirt side) and the CPU time libvirtd and this process used during it
(-1 when unreadable).
"""
import os
import sys
import time

import libvirt


def cpu_nanos(pid, vcpus_only=False):
    """CPU time of the threads of process pid (only those named "CPU N/..."), from their schedstat."""
    total = 0
    for tid in os.listdir("/proc/%s/task" % pid):
        try:
            if vcpus_only:
                with open("/proc/%s/task/%s/comm" % (pid, tid)) as f:
                    if not f.read().startswith("CPU "):
                        continue
            with open("/proc/%s/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


def vcpu_nanos(name):
    """CPU time of the QEMU's threads named "CPU N/..." (debug-threads=on), from their schedstat."""
    try:
        with open("/run/libvirt/qemu/%s.pid" % name) as f:
            return cpu_nanos(f.read().strip(), True)
    except OSError:
        return -1


def libvirtd_pid():
    """libvirtd's pid (the one process of that name), or None."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/comm" % pid) as f:
                if f.read().strip() == "libvirtd":
                    return pid
        except OSError:
            pass
    return None


def peer_cpu(daemon):
    """CPU time of libvirtd and of this process; -1 without libvirtd."""
    try:
        return cpu_nanos(daemon) + cpu_nanos(os.getpid()) if daemon else -1
    except OSError:
        return -1


conn = libvirt.open("qemu:///system")
daemon = libvirtd_pid()
print("ready", flush=True)
for line in sys.stdin:
    name, path, *rest = line.split()
    settle_ms = int(rest[0]) if rest else 0
    progress_ns = int(rest[1]) * 1000000 if len(rest) > 1 else 0
    with open(path) as f:
        dom = conn.createXML(f.read(), 0)
    try:
        if settle_ms:
            time.sleep(settle_ms / 1000)
        ran = vcpu_nanos(name)
        give_up = time.monotonic() + 2
        while 0 <= ran < progress_ns and time.monotonic() < give_up:
            time.sleep(0.0005)
            ran = vcpu_nanos(name)
        c0 = peer_cpu(daemon)
        t0 = time.perf_counter_ns()
        dom.setVcpusFlags(4, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        t1 = time.perf_counter_ns()
        c1 = peer_cpu(daemon)
        live = dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE)
        if live != 4:
            print("error %s: %d vCPUs live after setVcpusFlags(4)" % (name, live), flush=True)
            continue
    finally:
        dom.destroy()
    print(t1 - t0, ran, c1 - c0 if c0 >= 0 and c1 >= 0 else -1, flush=True)
