package org.jvirt.state;

import java.util.Optional;

import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.driver.JobGuard;
import org.jvirt.error.VirtException;
import org.jvirt.log.LazyLogger;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.xml.DomainStatus;

/**
 * What every job on a domain does first, once it holds the domain's locks: the domain may have
 * been changed by another jvirt process since this connection last looked (several processes
 * drive one host, with no daemon between them), or a process may have died in the middle of a
 * job on it.
 *
 * <ol>
 * <li>Catch up: when the status file is not the one this connection last read or wrote, the live
 * definition, state and the driver's runtime (thread ids) are taken from it; when it is gone, or
 * names another process, the domain was stopped elsewhere and this connection lets go of it. So
 * a job never works from a stale live definition, and no other process's change is lost when
 * this one writes the status next.</li>
 * <li>Finish what a dead process left: the driver has already undone or finished its start or
 * destroy on the host ({@link JobGuard#interruptedJob}); for a domain still running core asks the
 * driver to put every thread where the live definition says and to report what really changed
 * (a vCPU plugged before the process died), and writes the status.</li>
 * </ol>
 */
final class JobSync<R> {
    private static final LazyLogger LOG = LazyLogger.of(JobSync.class);

    private final ManagedDriver<R> d;

    JobSync(ManagedDriver<R> driver) {
        this.d = driver;
    }

    void catchUp(DomainObject<Active<R>> obj, JobGuard guard) {
        follow(obj);
        Optional<String> interrupted = guard.interruptedJob();
        if (interrupted.isEmpty()) {
            return;
        }
        if (interrupted.get().equals("undefine")) {
            d.store().finishUndefine(obj.name());
        }
        if (obj.runtime().isPresent()) {
            LOG.info("domain '{}': a jvirt process died during its job '{}'; putting its threads back as its live "
                    + "definition says", obj.name(), interrupted.get());
            reconcile(obj);
        }
        guard.resolved();
    }

    /**
     * Takes what another process wrote to the status file of {@code obj}, if it changed (inside
     * its job; a query does it too, without the lock file: the file is replaced atomically).
     */
    void follow(DomainObject<Active<R>> obj) {
        Optional<StatusStore> statuses = d.store().statuses();
        if (statuses.isEmpty()) {
            return;
        }
        String name = obj.name();
        Optional<Object> now = statuses.get().stamp(name);
        Optional<Active<R>> a = obj.runtime();
        if (a.isEmpty()) {
            if (now.isPresent()) {
                // started by another process (a job queued behind its start, say): taken over first
                d.followStart(name);
            }
            return;
        }
        if (now.isPresent() && now.get().equals(obj.statusStamp())) {
            return;
        }
        Optional<DomainStatus> status;
        try {
            status = now.isEmpty() ? Optional.empty() : statuses.get().load(name);
        } catch (VirtException e) {
            LOG.warn("domain '{}': cannot read its status: {}", name, e.getMessage());
            return;
        }
        if (status.isEmpty() && d.hypervisor().endedByItself(a.get().runtime())) {
            return; // the driver's own exit report (its reason, a crash say) follows
        }
        if (status.isEmpty() || !d.hypervisor().follow(a.get().runtime(), status.get())) {
            LOG.info("domain '{}' was stopped by another jvirt process", name);
            d.hypervisor().forget(a.get().runtime());
            d.stopped(obj, StateReason.UNKNOWN);
            return;
        }
        DomainStatus s = status.get();
        obj.setLive(s.live());
        if ((s.state() == DomainState.RUNNING || s.state() == DomainState.PAUSED)
                && s.state() != obj.state().state()) {
            obj.setState(s.state(), s.reason());
        }
        obj.setStatusStamp(now.get());
    }

    private void reconcile(DomainObject<Active<R>> obj) {
        Active<R> a = d.active(obj);
        DomainDef live = d.hypervisor().reconcile(a.runtime(), obj.live().orElseThrow(),
                def -> d.resolve(def, a.numad(), PinningResolver.Mode.LIVE));
        d.commitLive(obj, live);
    }
}
