package org.jvirt.driver.lxc;

import java.util.Optional;


import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.JobRecord;
import org.jvirt.log.LazyLogger;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * What the next holder of a container's lock does about a job whose jvirt process died in the
 * middle of it (its record left in the lock file).
 *
 * <ul>
 * <li>{@code start}: complete when the status names a live init (it is written last); otherwise
 * rolled back: the init the start noted (host pid and start time) is killed, which ends its PID
 * namespace, a stage 2 still waiting for its start signal is killed (it would exit by itself on
 * the FIFO's end of file, unless it had not opened the FIFO yet), and the cgroup (killing what is
 * left in it), stage directory and status go.</li>
 * <li>{@code destroy}: finished: the init the status names is killed and everything removed.</li>
 * <li>anything else: core re-applies the live definition to a running container.</li>
 * </ul>
 */
final class LxcRecovery {
    private static final LazyLogger LOG = LazyLogger.of(LxcRecovery.class);
    static final String INIT_PID = "init.pid";
    static final String INIT_START = "init.start";

    private final LxcLifecycle life;
    private final StatusStore statuses;

    LxcRecovery(LxcLifecycle life, StatusStore statuses) {
        this.life = life;
        this.statuses = statuses;
    }

    void recover(String name, DomainLocks.Held held) {
        Optional<JobRecord> left = held.interrupted();
        if (left.isEmpty()) {
            return;
        }
        JobRecord r = left.get();
        Optional<DomainStatus> status;
        try {
            status = statuses.load(name);
        } catch (VirtException e) {
            status = Optional.empty();
        }
        Optional<LxcProcess> recorded = status.map(LxcHypervisor::processOf);
        boolean running = recorded.isPresent() && life.isRunning(recorded.get());
        switch (r.job()) {
            case "start", "create", "reboot" -> {
                if (running) {
                    LOG.info("container '{}': the {} by process {} completed before it died", name, r.job(), r.pid());
                } else {
                    LOG.warn("container '{}': process {} died during its {}; rolling it back", name, r.pid(), r.job());
                    r.longFact(INIT_PID).ifPresent(pid -> kill(name, new LxcProcess(Optional.empty(), 0, pid,
                            r.longFact(INIT_START).orElse(-1L))));
                    life.killUnreleased(name);
                    life.teardown(name, life.cgroupOf(name));
                }
                held.resolved();
            }
            case "destroy" -> {
                LOG.warn("container '{}': process {} died during its destroy; finishing it", name, r.pid());
                recorded.ifPresent(p -> kill(name, p));
                life.killUnreleased(name);
                life.teardown(name, life.cgroupOf(name));
                held.resolved();
            }
            default -> {
                // core re-applies the live definition to a running container
            }
        }
    }

    private void kill(String name, LxcProcess p) {
        try {
            life.kill(p, life.cgroupOf(name));
        } catch (VirtException e) {
            LOG.warn("cannot kill container init {}: {}", p.initPid(), e.getMessage());
        }
    }
}
