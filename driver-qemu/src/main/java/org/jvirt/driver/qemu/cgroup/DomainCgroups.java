package org.jvirt.driver.qemu.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jvirt.linux.Affinity;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.pinning.ResolvedSet;

/**
 * The cgroups of one QEMU domain (docs/architecture.md#cgroups-per-host-kind) and the thread placement done
 * through them:
 * {@code DOMAIN/}, {@code DOMAIN/emulator}, {@code DOMAIN/vcpuN}, {@code DOMAIN/iothreadK}.
 * Every placement writes the cgroup first (cpuset.cpus, cpuset.mems, bandwidth, then the tid)
 * and then sets the thread's affinity (docs/pinning.md#what-is-applied). Without the cpuset controller only the
 * affinity is set. An affinity failure is tolerated only for the "all host CPUs" set.
 */
public final class DomainCgroups {
    private final CgroupBackend backend;
    private final Affinity affinity;
    private final Cgroup domain;

    public DomainCgroups(CgroupBackend backend, Affinity affinity, Cgroup domain) {
        this.backend = backend;
        this.affinity = affinity;
        this.domain = domain;
    }

    public Cgroup domain() {
        return domain;
    }

    public Cgroup emulator() {
        return domain.child("emulator");
    }

    public Cgroup vcpu(int id) {
        return domain.child("vcpu" + id);
    }

    public Cgroup iothread(int id) {
        return domain.child("iothread" + id);
    }

    public CgroupBackend backend() {
        return backend;
    }

    private boolean cpuset() {
        return backend.has(CgroupController.CPUSET);
    }

    /**
     * Before spawn: the domain group (its limits, shares, mems, global bandwidth) and its
     * emulator group (cpus, mems, emulator bandwidth). The device allow-list is written only
     * where the backend enforces one (v1 devices controller), before any child group exists.
     */
    public void prepare(CpuTune tune, ResolvedSet emulatorCpus, Optional<CpuSet> mems, DomainLimits limits) {
        long maxTasks = limits.maxTasks();
        if (maxTasks > 0 && !backend.has(CgroupController.PIDS)) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, "qemu.conf: max_threads_per_process "
                    + "= %d needs the pids cgroup controller, which this host does not offer to jvirt (not mounted, "
                    + "or left out of cgroup_controllers)", maxTasks);
        }
        backend.create(domain);
        if (maxTasks > 0) {
            backend.setPidsMax(domain, maxTasks);
        }
        if (!limits.deviceRules().isEmpty() && backend.deviceControl()) {
            backend.setDeviceAcl(domain, limits.deviceRules());
        }
        if (backend.has(CgroupController.CPU)) {
            tune.shares().ifPresent(s -> backend.setCpuShares(domain, s));
            bandwidth(tune.globalPeriod(), tune.globalQuota()).ifPresent(b -> backend.setCpuBandwidth(domain, b));
        }
        if (cpuset()) {
            mems.ifPresent(m -> backend.setMems(domain, m));
            backend.setMemoryMigrate(domain, true);
        }
        backend.createThreadGroup(emulator());
        if (cpuset()) {
            backend.setCpus(emulator(), emulatorCpus.cpus());
            mems.ifPresent(m -> backend.setMems(emulator(), m));
        }
        if (backend.has(CgroupController.CPU)) {
            bandwidth(tune.emulatorPeriod(), tune.emulatorQuota()).ifPresent(b -> backend.setCpuBandwidth(emulator(), b));
        }
    }

    /**
     * The files the spawn wrapper writes its own pid into, in order: the emulator group where it
     * exists (the hierarchies of per-thread groups), the domain group elsewhere, so that QEMU's
     * threads are born in the emulator group.
     */
    public List<Path> spawnProcsFiles() {
        return backend.joinFiles(domain, emulator());
    }

    /** CFS bandwidth from a period/quota pair of {@code <cputune>}; empty when neither is set. */
    static Optional<CpuBandwidth> bandwidth(OptionalLong period, OptionalLong quota) {
        if (period.isEmpty() && quota.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CpuBandwidth(period.orElse(CpuBandwidth.DEFAULT_PERIOD), quota.orElse(-1)));
    }

    /** Per vCPU: own group with cpus, mems, period/quota, the tid, then affinity. */
    public void placeVcpu(int id, long tid, ResolvedSet cpus, CpuTune tune, Optional<CpuSet> mems) {
        prepareVcpu(id, cpus, tune, mems);
        attachVcpu(id, tid, cpus);
    }

    /** vCPU {@code id}'s group with its cpus, mems and period/quota, before its thread exists. */
    public void prepareVcpu(int id, ResolvedSet cpus, CpuTune tune, Optional<CpuSet> mems) {
        prepareThreadGroup(vcpu(id), cpus, bandwidth(tune.period(), tune.quota()), mems);
    }

    /** vCPU {@code id}'s thread into its prepared group, then its affinity. */
    public void attachVcpu(int id, long tid, ResolvedSet cpus) {
        attach(vcpu(id), tid, cpus);
    }

    /** I/O thread {@code id}'s group, as {@link #prepareVcpu}. */
    public void prepareIothread(int id, ResolvedSet cpus, CpuTune tune, Optional<CpuSet> mems) {
        prepareThreadGroup(iothread(id), cpus, bandwidth(tune.iothreadPeriod(), tune.iothreadQuota()), mems);
    }

    public void attachIothread(int id, long tid, ResolvedSet cpus) {
        attach(iothread(id), tid, cpus);
    }

    /** An emulator thread (main thread or helper): already in the emulator group; affinity only. */
    public void placeEmulatorThread(long tid, ResolvedSet cpus) {
        setAffinity(tid, cpus);
    }

    private void prepareThreadGroup(Cgroup group, ResolvedSet cpus, Optional<CpuBandwidth> bw, Optional<CpuSet> mems) {
        backend.createThreadGroup(group);
        if (cpuset()) {
            backend.setCpus(group, cpus.cpus());
            mems.ifPresent(m -> backend.setMems(group, m));
        }
        if (backend.has(CgroupController.CPU)) {
            bw.ifPresent(b -> backend.setCpuBandwidth(group, b));
        }
    }

    private void attach(Cgroup group, long tid, ResolvedSet cpus) {
        backend.attachThread(group, tid);
        setAffinity(tid, cpus);
    }

    private void setAffinity(long tid, ResolvedSet cpus) {
        try {
            affinity.set(tid, cpus.cpus());
        } catch (VirtException e) {
            if (cpus.reason() != ResolvedSet.Reason.ALL_HOST_CPUS) {
                throw e;
            }
        }
    }

    /** Live pin of an online vCPU / I/O thread: its group's cpus, then the thread's affinity. */
    public void repinThread(Cgroup group, long tid, CpuSet cpus) {
        if (cpuset() && backend.exists(group)) {
            backend.setCpus(group, cpus);
        }
        affinity.set(tid, cpus);
    }

    /** Live emulator pin: the emulator group's cpus, then the affinity of the main pid only. */
    public void repinEmulator(long pid, CpuSet cpus) {
        repinThread(emulator(), pid, cpus);
    }

    public void removeVcpu(int id) {
        backend.remove(vcpu(id));
    }

    /** Removes every group of the domain (killing what is left in them). */
    public void remove() {
        backend.remove(domain);
    }
}
