package org.jvirt.state;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jvirt.driver.JobGuard;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.HostOps;
import org.jvirt.spi.VcpuOps;
import org.jvirt.xml.DomainStatus;

/**
 * What the connections of the drivers built on {@link ManagedDriver} share: the host, the core's
 * domain operations, the vCPU operations, restoring at connect what the driver's
 * {@link DomainStore} holds, and following what other processes change there
 * ({@link DomainFollowing}). A driver adds what differs: how it takes over a running domain,
 * close, and its extras.
 *
 * @param <R> the driver's runtime data for an active domain
 */
public abstract class ManagedConnection<R> implements DriverConnection {
    private final HostOps host;
    private final ManagedDomains<R> domains;
    private final VcpuOps vcpus;
    private final ManagedTuning<R> tuning;
    private final ManagedStats<R> stats;
    private final ManagedDriver<R> driver;
    /** Reads the driver's store and follows what other processes change there. */
    private final DomainFollowing<R> following;

    protected ManagedConnection(HostOps host, ManagedDriver<R> driver) {
        this.host = host;
        this.driver = driver;
        this.following = new DomainFollowing<>(driver);
        this.domains = following.domains();
        this.vcpus = new ManagedVcpus<>(driver);
        this.tuning = new ManagedTuning<>(driver);
        this.stats = new ManagedStats<>(driver);
    }

    @Override
    public final org.jvirt.spi.TuningOps tuning() {
        return tuning;
    }

    @Override
    public final org.jvirt.spi.StatsOps stats() {
        return stats;
    }

    @Override
    public final HostOps host() {
        return host;
    }

    @Override
    public final ManagedDomains<R> domains() {
        return domains;
    }

    @Override
    public final VcpuOps vcpus() {
        return vcpus;
    }

    /**
     * Restores what the driver's store holds: every definition now, each status file handed to
     * {@code takeOver}, which checks that its domain still runs ({@link DomainFollowing#restore}).
     */
    protected final void restore(Function<String, DomainDef> parser, Consumer<DomainStatus> takeOver) {
        following.restore(parser, takeOver);
    }

    /** As {@link #restore}, each domain read when first looked up ({@link DomainFollowing#restoreOnDemand}). */
    protected final void restoreOnDemand(Function<String, DomainDef> parser, Consumer<DomainStatus> takeOver) {
        following.restoreOnDemand(parser, takeOver);
    }

    /** Reads every domain's files this connection has not read yet ({@link DomainFollowing#knowAll}). */
    protected final void knowAll() {
        following.knowAll();
    }

    /**
     * Removes what a domain's process that went away left behind: {@code remove} runs under the
     * domain's job lock, and only if its status file still names that process ({@code pid}
     * started at {@code startTime}): another jvirt process may be starting the domain anew. When
     * another process holds the domain, nothing is done; it deals with the domain itself. Returns
     * whether {@code remove} ran.
     */
    protected final boolean removeLeftovers(String name, long pid, long startTime, Runnable remove) {
        StatusStore statuses = driver.store().statuses().orElseThrow();
        JobGuard guard;
        try {
            guard = driver.hypervisor().jobGuard(name, "cleanup");
        } catch (VirtException busy) {
            return false;
        }
        try (guard) {
            Optional<DomainStatus> now = statuses.load(name);
            if (now.isPresent() && now.get().pid() == pid && now.get().startTime() == startTime) {
                remove.run();
                return true;
            }
            return false;
        }
    }
}
