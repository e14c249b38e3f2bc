# Several python-libvirt clients on one QEMU domain through jvirtd at once: one hot-plugs a vCPU,
# three pin vCPU 0 and the emulator over and over, one watches events. argv: URI, domain name.
# Prints the last pins each pinner set, the events seen, and the final pins jvirtd reports.
import sys, threading
import libvirt

uri, name = sys.argv[1], sys.argv[2]
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()
watcher = libvirt.open(uri)
events = []
watcher.domainEventRegisterAny(watcher.lookupByName(name), libvirt.VIR_DOMAIN_EVENT_ID_TUNABLE,
                               lambda c, d, params, o: events.append(sorted(params.items())), None)
errors = []

def pinner(cpu):
    try:
        c = libvirt.open(uri)
        d = c.lookupByName(name)
        n = c.getCPUMap()[0]
        for _ in range(20):
            d.pinVcpuFlags(0, tuple(i == cpu for i in range(n)), libvirt.VIR_DOMAIN_AFFECT_LIVE)
            d.pinEmulator(tuple(i == cpu for i in range(n)), libvirt.VIR_DOMAIN_AFFECT_LIVE)
        c.close()
    except libvirt.libvirtError as e:
        errors.append(str(e))

def plugger():
    try:
        c = libvirt.open(uri)
        c.lookupByName(name).setVcpusFlags(2, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        c.close()
    except libvirt.libvirtError as e:
        errors.append(str(e))

threads = [threading.Thread(target=pinner, args=(cpu,)) for cpu in (0, 1, 0)] + [threading.Thread(target=plugger)]
[t.start() for t in threads]
[t.join() for t in threads]
d = watcher.lookupByName(name)
print("errors:", errors)
print("vcpus:", d.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE))
print("vcpu0:", "".join("y" if b else "-" for b in d.vcpuPinInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE)[0]))
print("emulator:", "".join("y" if b else "-" for b in d.emulatorPinInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE)))
import time; time.sleep(1)
print("pin events:", sum(1 for e in events if e[0][0] in ("cputune.vcpupin0", "cputune.emulatorpin")))
print("plug events:", sum(1 for e in events if e[0][0] == "vcpu.current"))
