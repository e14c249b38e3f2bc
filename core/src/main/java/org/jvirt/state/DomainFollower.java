package org.jvirt.state;

import java.util.Optional;

import org.jvirt.StateInfo;

/**
 * Reads again what the driver stored of one domain: another jvirt process may have defined,
 * started, changed or undefined it since this connection read the driver's files
 * ({@link DomainFollowing} implements it over the stores of a {@link ManagedConnection}).
 */
public interface DomainFollower {
    /** Follows nothing: a driver whose domains live in one connection (the test driver). */
    DomainFollower NONE = new DomainFollower() {
        @Override
        public void follow(String name) {
        }

        @Override
        public void followAll() {
        }
    };

    /** Before a lookup of {@code name} answers "no such domain" or "inactive". */
    void follow(String name);

    /** Before a list: every domain defined, started or undefined elsewhere. */
    void followAll();

    /**
     * Before what must know every stored domain (a define's or create's name and UUID, a start's
     * id): reads the domains not read yet, when the connection reads them on demand.
     */
    default void knowAll() {
    }

    /** The state (running or paused) the status file of active domain {@code name} records. */
    default Optional<StateInfo> storedState(String name) {
        return Optional.empty();
    }
}
