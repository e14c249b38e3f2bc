#!/usr/bin/env python3
"""What QEMU's spawn costs on this host, from exec to its pid file, four ways (docs/benchmarks.md):
bare; through jvirt's wrapper chain (/bin/sh, setsid) without cgroups; with the wrapper's seven
cgroup v1 joins when the kernel's migration lock is cold (no move for 250 ms); and the same when a
move happened just before. Needs root, KVM and cgroup v1 hierarchies under /sys/fs/cgroup.
    bench/scripts/spawn-cost.py [ROUNDS=12]
Groups are named jvexp-spawn-N and removed afterwards."""
import os
import statistics
import subprocess
import sys
import threading
import time

QEMU = ["qemu-system-x86_64", "-name", "jvexp,debug-threads=on", "-S", "-accel", "kvm", "-machine", "pc",
        "-m", "128", "-smp", "2,maxcpus=4,sockets=4,cores=1,threads=1", "-display", "none", "-nodefaults",
        "-no-user-config"]
FS = "/sys/fs/cgroup"
HIERARCHIES = [h for h in ["cpu", "cpuacct", "cpuset", "memory", "devices", "blkio", "pids"]
               if os.path.isdir(f"{FS}/{h}")]
SCRIPT = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1"; shift; n=$((n-1)); done; exec "$@"'


def make_groups(name):
    files = []
    for h in HIERARCHIES:
        d = f"{FS}/{h}/jvexp-spawn-{name}"
        os.mkdir(d)
        if h == "cpuset":
            for f in ("cpuset.cpus", "cpuset.mems"):
                with open(f"{FS}/cpuset/{f}") as src, open(f"{d}/{f}", "w") as dst:
                    dst.write(src.read())
        files.append(f"{d}/cgroup.procs")
    return files


def remove_groups(name):
    for h in HIERARCHIES:
        d = f"{FS}/{h}/jvexp-spawn-{name}"
        for _ in range(100):
            try:
                os.rmdir(d)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.01)


def spawn(mode, i):
    pid = f"/tmp/jvexp-spawn-{os.getpid()}-{i}.pid"
    files = make_groups(str(i)) if mode.startswith("joins") else []
    if mode == "bare":
        cmd = QEMU + ["-pidfile", pid]
    else:
        cmd = ["/bin/sh", "-c", SCRIPT, "jvexp", str(len(files))] + files + ["/usr/bin/setsid"] + QEMU + ["-pidfile", pid]
    if mode == "joins, lock warm":
        with open(f"{FS}/cpuset/tasks", "w") as f:  # this thread into the group it is in: a move that changes nothing
            f.write(str(threading.get_native_id()))
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not os.path.exists(pid):
        if p.poll() is not None:
            raise SystemExit(f"QEMU exited with {p.returncode}: {' '.join(cmd)}")
        time.sleep(0.0002)
    ms = (time.perf_counter() - t0) * 1000
    p.kill()
    p.wait()
    os.unlink(pid)
    remove_groups(str(i))
    time.sleep(0.25)  # the lock goes cold again
    return ms


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    modes = ["bare", "sh + setsid", "joins, lock cold", "joins, lock warm"]
    res = {m: [] for m in modes}
    for i in range(rounds):
        for m in modes:
            res[m].append(spawn(m, i))
    for m in modes:
        print(f"{m:18s} exec -> pid file  median {statistics.median(res[m]):6.2f} ms  min {min(res[m]):6.2f}")


if __name__ == "__main__":
    main()
