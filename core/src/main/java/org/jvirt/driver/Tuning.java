package org.jvirt.driver;

import java.util.Objects;
import java.util.Optional;

/**
 * The run-time tuning parts of a {@link Hypervisor} ({@link Hypervisor#tuning()}), each optional:
 * core answers NO_SUPPORT for a live change or query that needs an absent one, and handles the
 * persistent definitions itself.
 *
 * @param scheduling CPU shares, periods and quotas of the running domain
 * @param numaMemory moving the running domain's memory to other host nodes
 * @param iothreads  iothreadadd/iothreaddel/iothreadset on the running domain
 * @param statistics cpu-stats, domstats' CPU, vCPU and balloon groups
 */
public record Tuning<R>(Optional<CpuScheduling<R>> scheduling, Optional<NumaMemory<R>> numaMemory,
                        Optional<IothreadHotplug<R>> iothreads, Optional<DomainStatistics<R>> statistics) {
    public Tuning {
        Objects.requireNonNull(scheduling, "scheduling");
        Objects.requireNonNull(numaMemory, "numaMemory");
        Objects.requireNonNull(iothreads, "iothreads");
        Objects.requireNonNull(statistics, "statistics");
    }

    /** Nothing at run time: only the persistent definitions can be tuned. */
    public static <R> Tuning<R> none() {
        return new Tuning<>(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Tuning<R> withScheduling(CpuScheduling<R> value) {
        return new Tuning<>(Optional.of(value), numaMemory, iothreads, statistics);
    }

    public Tuning<R> withNumaMemory(NumaMemory<R> value) {
        return new Tuning<>(scheduling, Optional.of(value), iothreads, statistics);
    }

    public Tuning<R> withIothreads(IothreadHotplug<R> value) {
        return new Tuning<>(scheduling, numaMemory, Optional.of(value), statistics);
    }

    public Tuning<R> withStatistics(DomainStatistics<R> value) {
        return new Tuning<>(scheduling, numaMemory, iothreads, Optional.of(value));
    }
}
