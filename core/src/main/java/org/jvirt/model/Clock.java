package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <clock offset timezone adjustment basis>} with its timers.
 *
 * @param offset utc, localtime, timezone, variable or absolute
 */
public record Clock(String offset, Optional<String> timezone, Optional<String> adjustment,
                    Optional<String> basis, List<Timer> timers, Extras extras) {
    public static final List<String> OFFSETS = List.of("utc", "localtime", "timezone", "variable", "absolute");
    public static final Clock UTC = new Clock("utc", Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(), Extras.NONE);

    public Clock {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(adjustment, "adjustment");
        Objects.requireNonNull(basis, "basis");
        timers = List.copyOf(timers);
        Objects.requireNonNull(extras, "extras");
    }

    /** {@code <timer name present tickpolicy track/>}. */
    public record Timer(String name, Optional<Boolean> present, Optional<String> tickpolicy,
                        Optional<String> track, Extras extras) {
        public Timer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(present, "present");
            Objects.requireNonNull(tickpolicy, "tickpolicy");
            Objects.requireNonNull(track, "track");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
