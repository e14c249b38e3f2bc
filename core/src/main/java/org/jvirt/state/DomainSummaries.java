package org.jvirt.state;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jvirt.spi.DomainSummary;

/**
 * Summaries of domains, and the domain object a define or create adds, for {@link ManagedDomains}:
 * classes rather than lambdas, as a list, a lookup and test:///default's define run them in every
 * one-shot command, and JDK 17 links each lambda's call site at run time.
 */
final class DomainSummaries {
    private DomainSummaries() {
    }

    /** The summary of {@code obj}; call inside its job. */
    static DomainSummary of(DomainObject<?> obj) {
        return new DomainSummary(obj.name(), obj.uuid(), obj.id(), obj.isPersistent(), obj.state());
    }

    /** Inside a domain's job: its summary. */
    static final class Always implements Supplier<DomainSummary> {
        private final DomainObject<?> obj;

        Always(DomainObject<?> obj) {
            this.obj = obj;
        }

        @Override
        public DomainSummary get() {
            return of(obj);
        }
    }

    /** Inside a domain's job: its summary, or empty while it has no definition (a define or undefine half done). */
    static final class IfDefined implements Supplier<Optional<DomainSummary>> {
        private final DomainObject<?> obj;

        IfDefined(DomainObject<?> obj) {
            this.obj = obj;
        }

        @Override
        public Optional<DomainSummary> get() {
            return obj.current() == null ? Optional.empty() : Optional.of(of(obj));
        }
    }

    /** Makes the domain object when there is none yet, and says whether it did (a failed define forgets it). */
    static final class NewObject<R> implements Function<UUID, DomainObject<R>> {
        private final String name;
        private boolean created;

        NewObject(String name) {
            this.name = name;
        }

        @Override
        public DomainObject<R> apply(UUID uuid) {
            created = true;
            return new DomainObject<>(uuid, name);
        }

        boolean created() {
            return created;
        }
    }
}
