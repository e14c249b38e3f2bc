package org.jvirt.linux;

import java.util.HashMap;
import java.util.Map;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** An {@link Affinity} over a map: known thread ids start with {@code all}; unknown ones are NOT_RUNNING. */
public final class FakeAffinity implements Affinity {
    private final Map<Long, CpuSet> masks = new HashMap<>();
    private final CpuSet all;

    public FakeAffinity(CpuSet all) {
        this.all = all;
    }

    public synchronized FakeAffinity thread(long tid) {
        masks.put(tid, all);
        return this;
    }

    @Override
    public synchronized void set(long tid, CpuSet cpus) {
        if (!masks.containsKey(tid)) {
            throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.NONE,
                    "cannot set the affinity of thread %d to %s: No such process", tid, cpus.format());
        }
        if (cpus.isEmpty() || !all.containsAll(cpus)) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    "cannot set the affinity of thread %d to %s: Invalid argument", tid, cpus.format());
        }
        masks.put(tid, cpus);
    }

    @Override
    public synchronized CpuSet get(long tid) {
        CpuSet s = masks.get(tid);
        if (s == null) {
            throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.NONE,
                    "cannot get the affinity of thread %d: No such process", tid);
        }
        return s;
    }
}
