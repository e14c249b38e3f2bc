package org.jvirt.linux.cgroup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.model.CpuSet;

/**
 * Operations on cgroups of one host, v1 ({@link CgroupV1Backend}) or v2 ({@link CgroupV2Backend}).
 * Obtain one through {@link CgroupBackends#open}. Groups are named by {@link Cgroup} relative
 * to the hierarchy root; {@link CgroupLayout} gives jvirt's names.
 *
 * <p>Every failure is a {@code VirtException} in domain CGROUP: {@code NO_CGROUP} when a needed
 * controller is not in use, {@code SYSTEM_ERROR} for a failed file operation, whose message names
 * the file and value, e.g. {@code cgroup: cannot write 0-3 to /sys/fs/cgroup/cpuset/machine/x/cpuset.cpus:
 * Numerical result out of range}. Implementations hold no state beyond their roots and are
 * thread-safe; callers serialise changes to one group (the domain job does).
 */
public interface CgroupBackend {
    /** Value for "no limit" in {@link #setMemoryLimit} and {@link #setPidsMax}. */
    long UNLIMITED = Long.MAX_VALUE;

    CgroupVersion version();

    /** The controllers this backend uses (v1: mounted and selected; v2: enabled at the root and selected). */
    Set<CgroupController> controllers();

    default boolean has(CgroupController controller) {
        return controllers().contains(controller);
    }

    /**
     * The file through which a thread joins the group it is in according to {@code own} (its
     * /proc cgroup lines, as {@code ProcFs.cgroups}): v1 the {@code tasks} file of one of this
     * backend's hierarchies, v2 {@code cgroup.threads}. Writing the thread's id there moves it
     * nowhere, but takes the kernel's migration lock ({@link MigrationPrimer}). Empty when
     * {@code own} names none of the backend's hierarchies.
     */
    Optional<Path> ownThreadFile(Map<String, String> own);

    /**
     * Creates a process group and any missing ancestors (v1: in every used hierarchy, a new
     * cpuset dir gets cpuset.cpus and cpuset.mems copied from its parent first; v2: the used
     * controllers are enabled in each ancestor's cgroup.subtree_control). Existing groups are kept.
     */
    void create(Cgroup group);

    /**
     * Creates a per-thread group (emulator, vcpuN, iothreadK) below an existing process group:
     * v1 only in the cpu, cpuacct and cpuset hierarchies; v2 with {@code cgroup.type} threaded
     * and +cpu +cpuset enabled for it in the parent.
     */
    void createThreadGroup(Cgroup group);

    /** Whether the group exists (in any used hierarchy). */
    boolean exists(Cgroup group);

    /** The group's existing directories, one per hierarchy (v2: at most one). */
    List<Path> directories(Cgroup group);

    /**
     * The files a process writes its own pid into to join the group everywhere (cgroup.procs per
     * v1 hierarchy holding the group, or the single v2 one): for the cgroup-first shell wrapper.
     */
    default List<Path> procsFiles(Cgroup group) {
        return directories(group).stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /**
     * The files a process writes its own pid into, in order, to be in {@code threads} (a child of
     * {@code process}) wherever that group exists and in {@code process} everywhere else: how a
     * spawned process is born into its emulator group. v1 writes each hierarchy once; v2 joins
     * {@code process}, then {@code threads}.
     */
    default List<Path> joinFiles(Cgroup process, Cgroup threads) {
        List<Path> files = new ArrayList<>(procsFiles(process));
        files.addAll(procsFiles(threads));
        return files;
    }

    /**
     * The control file {@code name} of {@code group} in the hierarchy of controller {@code c}
     * (v2: the single one); NO_CGROUP when the backend does not use that controller.
     */
    Path controlFile(CgroupController c, Cgroup group, String name);

    /**
     * cpuset.cpus. On v1 a group's CPUs must include its children's: widen a parent before its
     * children and narrow children before their parent (the kernel answers EBUSY otherwise); a
     * CPU outside the parent's set is ERANGE ("Numerical result out of range").
     */
    default void setCpus(Cgroup group, CpuSet cpus) {
        CgroupFiles.write(controlFile(CgroupController.CPUSET, group, "cpuset.cpus"), cpus.format());
    }

    /** cpuset.cpus as written (v2: empty means "inherit the parent's"). */
    default CpuSet cpus(Cgroup group) {
        return CgroupSets.parse(controlFile(CgroupController.CPUSET, group, "cpuset.cpus"));
    }

    default void setMems(Cgroup group, CpuSet nodes) {
        CgroupFiles.write(controlFile(CgroupController.CPUSET, group, "cpuset.mems"), nodes.format());
    }

    default CpuSet mems(Cgroup group) {
        return CgroupSets.parse(controlFile(CgroupController.CPUSET, group, "cpuset.mems"));
    }

    /** v1 cpuset.memory_migrate; nothing on v2 (the kernel does not migrate there). */
    void setMemoryMigrate(Cgroup group, boolean migrate);

    /**
     * CPU shares 2..262144 (libvirt's {@code <shares>}). v1 cpu.shares; v2 cpu.weight
     * = 1 + ((shares - 2) * 9999) / 262142 (see {@link CpuWeight}).
     */
    void setCpuShares(Cgroup group, long shares);

    /** v1 cpu.shares; v2 cpu.weight converted back (approximate: the conversion is lossy). */
    long cpuShares(Cgroup group);

    /** v1: period first, then quota (period restored if the quota fails); v2: cpu.max. */
    void setCpuBandwidth(Cgroup group, CpuBandwidth bandwidth);

    CpuBandwidth cpuBandwidth(Cgroup group);

    /** {@code bytes} or {@link #UNLIMITED}. */
    void setMemoryLimit(Cgroup group, MemoryLimit limit, long bytes);

    /** Bytes, or {@link #UNLIMITED} (v1 reports "unlimited" as a number near 2^63; read as UNLIMITED). */
    long memoryLimit(Cgroup group, MemoryLimit limit);

    /** pids.max: a count or {@link #UNLIMITED}. */
    void setPidsMax(Cgroup group, long max);

    long pidsMax(Cgroup group);

    /** CPU time used by the group's tasks: v1 cpuacct.usage; v2 cpu.stat usage_usec. */
    long cpuUsageNanos(Cgroup group);

    /**
     * Freezes every task of the group and waits until the kernel reports it frozen (v1
     * freezer.state FROZEN; v2 cgroup.freeze 1 and "frozen 1" in cgroup.events), polling
     * every 10 ms up to {@code timeout}; OPERATION_TIMEOUT after that (the group is thawed again).
     */
    void freeze(Cgroup group, Duration timeout);

    void thaw(Cgroup group);

    boolean isFrozen(Cgroup group);

    /**
     * Whether {@link #setDeviceAcl} is enforced: true on v1 with the devices controller; false
     * on v2, where device control needs a BPF program, which jvirt does not load.
     */
    boolean deviceControl();

    /**
     * v1: {@code devices.deny a}, then each rule into {@code devices.allow}. A rule is
     * {@code TYPE MAJOR:MINOR ACCESS}, e.g. {@code c 1:3 rwm}, {@code c 136:* rw}. Without
     * device control (v2) the rules are only checked and nothing is written.
     */
    void setDeviceAcl(Cgroup group, List<String> allowRules);

    /** Moves a whole process (all its threads) into the group (cgroup.procs). */
    void attachProcess(Cgroup group, long pid);

    /** Moves one thread (v1 tasks; v2 cgroup.threads of a threaded group). */
    void attachThread(Cgroup group, long tid);

    /** Pids in the group itself (not its children), ascending. */
    List<Long> processes(Cgroup group);

    /** Thread ids in the group itself, ascending. */
    List<Long> threads(Cgroup group);

    /**
     * Removes the group and its children everywhere: remaining processes of the subtree get
     * SIGKILL (200 ms polls, up to 3 s, then SYSTEM_ERROR naming the survivors), children are
     * removed before parents. A group that does not exist is not an error.
     */
    void remove(Cgroup group);
}
