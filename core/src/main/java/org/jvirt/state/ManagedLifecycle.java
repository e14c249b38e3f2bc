package org.jvirt.state;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jvirt.DestroyOptions;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.driver.DomainWatcher;
import org.jvirt.driver.Hypervisor;
import org.jvirt.driver.StartRequest;
import org.jvirt.driver.Started;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.pinning.Validator;

/**
 * Starting and stopping domains for {@link ManagedDomains}: the checks and the pinning before a
 * start, the state and the events after each change, and what the driver reports between jobs
 * (a domain that stopped, paused, resumed or restarted by itself). Every method that takes a
 * {@link DomainObject} runs inside its job.
 */
final class ManagedLifecycle<R> {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedLifecycle.class);

    private final ManagedDriver<R> d;

    ManagedLifecycle(ManagedDriver<R> driver) {
        this.d = driver;
    }

    /**
     * Starts {@code obj} from {@code def}: driver checks, numad's advice if placement is auto,
     * the common start checks, the pinning, then the driver's start; the status is written and
     * {@code Started} published.
     */
    void start(DomainObject<Active<R>> obj, DomainDef def, boolean paused) {
        Hypervisor<R> hv = d.hypervisor();
        hv.validate(def);
        Optional<NumadAdvice> advice = Validator.needsNumad(def)
                ? Optional.of(d.numad().advise(def.vcpu().current(), ceilMiB(def.memory().memoryKiB())))
                : Optional.empty();
        d.validator().validateStart(def, hv.validationContext(def), d.host(), advice, hv.cpuControllerAvailable());
        EffectivePinning pinning = d.resolve(def, advice, PinningResolver.Mode.LIVE);
        Started<R> started = hv.start(new StartRequest(obj.name(), def, pinning, advice, paused, watcher(obj)));
        obj.setRuntime(new Active<>(started.runtime(), advice));
        obj.setLive(started.live());
        obj.setId(d.domains().allocateId());
        obj.setState(paused ? DomainState.PAUSED : DomainState.RUNNING,
                paused ? StateReason.USER : StateReason.BOOTED);
        d.saveStatus(obj);
        d.publish(new DomainEvent.Started(obj.name(), obj.uuid(), paused));
    }

    private static long ceilMiB(long kib) {
        return (kib + 1023) / 1024;
    }

    void destroy(DomainObject<Active<R>> obj, DestroyOptions options) {
        Active<R> a = d.active(obj);
        if (options.graceful()) {
            d.hypervisor().destroyGracefully(a.runtime());
        } else {
            d.hypervisor().destroy(a.runtime());
        }
        d.stopped(obj, StateReason.DESTROYED);
    }

    void shutdown(DomainObject<Active<R>> obj) {
        if (d.hypervisor().shutdown(d.active(obj).runtime())) {
            d.stopped(obj, StateReason.SHUTDOWN);
        }
    }

    /** The driver restarts the guest; a domain still active then has its status written again. */
    void reboot(DomainObject<Active<R>> obj) {
        d.hypervisor().reboot(d.active(obj).runtime());
        if (obj.isActive()) {
            d.saveStatus(obj);
        }
    }

    void suspend(DomainObject<Active<R>> obj) {
        Active<R> a = d.active(obj);
        if (obj.state().state() == DomainState.PAUSED) {
            throw d.error(ErrorCode.OPERATION_INVALID, "domain '%s' is already paused", obj.name());
        }
        d.hypervisor().suspend(a.runtime());
        obj.setState(DomainState.PAUSED, StateReason.USER);
        d.saveStatus(obj);
        d.publish(new DomainEvent.Suspended(obj.name(), obj.uuid()));
    }

    void resume(DomainObject<Active<R>> obj) {
        Active<R> a = d.active(obj);
        if (obj.state().state() != DomainState.PAUSED) {
            throw d.error(ErrorCode.OPERATION_INVALID, "domain '%s' is not paused", obj.name());
        }
        d.hypervisor().resume(a.runtime());
        obj.setState(DomainState.RUNNING, StateReason.UNPAUSED);
        d.saveStatus(obj);
        d.publish(new DomainEvent.Resumed(obj.name(), obj.uuid()));
    }

    /** What the driver reports of {@code obj} between this connection's jobs. */
    DomainWatcher watcher(DomainObject<Active<R>> obj) {
        return new DomainWatcher() {
            @Override
            public void stopped(StateReason reason) {
                onStoppedByItself(obj, reason);
            }

            @Override
            public void paused() {
                onPauseChange(obj, DomainState.RUNNING, DomainState.PAUSED, StateReason.UNKNOWN);
            }

            @Override
            public void resumed() {
                onPauseChange(obj, DomainState.PAUSED, DomainState.RUNNING, StateReason.UNPAUSED);
            }

            @Override
            public void restarted() {
                onRestarted(obj);
            }
        };
    }

    /**
     * Someone else paused or resumed the domain: this connection's state follows, with its event.
     * Only the in-memory state changes: whoever made the change wrote the status file. When this
     * connection's own job made it, the job has set the state already and this is a no-op.
     */
    private void onPauseChange(DomainObject<Active<R>> obj, DomainState from, DomainState to, StateReason reason) {
        boolean changed = obj.job(() -> {
            if (obj.runtime().isEmpty() || obj.state().state() != from) {
                return false;
            }
            obj.setState(to, reason);
            return true;
        });
        if (changed) {
            d.publish(to == DomainState.PAUSED ? new DomainEvent.Suspended(obj.name(), obj.uuid())
                    : new DomainEvent.Resumed(obj.name(), obj.uuid()));
        }
    }

    /** The driver saw the domain stop without being asked (guest shutdown, crash). */
    private void onStoppedByItself(DomainObject<Active<R>> obj, StateReason reason) {
        Object expected = obj.job(() -> obj.runtime().map(Active::runtime).orElse(null));
        if (expected == null) {
            return;
        }
        d.internalJob(obj, "stopped", () -> {
            if (obj.runtime().map(Active::runtime).orElse(null) == expected) {
                d.stopped(obj, reason);
                if (reason == StateReason.CRASHED) {
                    d.publish(new DomainEvent.Crashed(obj.name(), obj.uuid()));
                }
            }
            return null;
        });
    }

    /** The domain came back as a new process by itself: its status names the new one. */
    private void onRestarted(DomainObject<Active<R>> obj) {
        try {
            d.internalJob(obj, "restarted", () -> {
                if (obj.runtime().isPresent()) {
                    d.saveStatus(obj);
                }
                return null;
            });
        } catch (VirtException e) {
            LOG.warn("domain '{}' restarted, but its status could not be written: {}", obj.name(), e.getMessage());
        }
    }
}
