package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

class ProcCheckedAffinityTest {
    private static final long TID = 4711;

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private final FakeAffinity threads = new FakeAffinity(CpuSet.range(0, 7)).thread(TID);

    /** The fake, with each system call recorded. */
    private final Affinity syscall = new Affinity() {
        @Override
        public void set(long tid, CpuSet cpus) {
            calls.add("set " + tid + " " + cpus.format());
            threads.set(tid, cpus);
        }

        @Override
        public CpuSet get(long tid) {
            calls.add("get " + tid);
            return threads.get(tid);
        }
    };

    private ProcCheckedAffinity affinity(FakeProcFs proc) {
        return new ProcCheckedAffinity(proc.proc(), syscall);
    }

    @Test
    void noSystemCallWhenTheThreadAlreadyHasTheCpus() {
        FakeProcFs proc = new FakeProcFs(dir).cpusAllowed(TID, TID, "0-1");
        affinity(proc).set(TID, CpuSet.parse("0-1"));
        assertThat(calls).isEmpty();
    }

    @Test
    void aDifferentMaskIsSet() {
        FakeProcFs proc = new FakeProcFs(dir).cpusAllowed(TID, TID, "0-7");
        affinity(proc).set(TID, CpuSet.parse("0-1"));
        assertThat(calls).containsExactly("set 4711 0-1");
        assertThat(threads.get(TID)).isEqualTo(CpuSet.parse("0-1"));
    }

    @Test
    void aSubsetOrSupersetIsNotTheSame() {
        FakeProcFs proc = new FakeProcFs(dir).cpusAllowed(TID, TID, "1");
        affinity(proc).set(TID, CpuSet.parse("0-1"));
        proc.cpusAllowed(TID, TID, "0-3");
        affinity(proc).set(TID, CpuSet.parse("0-1"));
        assertThat(calls).containsExactly("set 4711 0-1", "set 4711 0-1");
    }

    @Test
    void anUnreadableThreadGoesToTheSystemCallWhichReportsIt() {
        FakeProcFs proc = new FakeProcFs(dir);
        assertThatThrownBy(() -> affinity(proc).set(4712, CpuSet.parse("0")))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_RUNNING));
        assertThat(calls).containsExactly("set 4712 0");
    }

    @Test
    void anEmptySetIsRefusedByTheSystemCallEvenWhereProcShowsNone() {
        FakeProcFs proc = new FakeProcFs(dir).cpusAllowed(TID, TID, "");
        assertThatThrownBy(() -> affinity(proc).set(TID, CpuSet.EMPTY)).isInstanceOf(VirtException.class);
        assertThat(calls).containsExactly("set 4711 ");
    }

    @Test
    void getsAskTheSystemCall() {
        FakeProcFs proc = new FakeProcFs(dir).cpusAllowed(TID, TID, "0-1");
        assertThat(affinity(proc).get(TID)).isEqualTo(CpuSet.range(0, 7));
        assertThat(calls).containsExactly("get 4711");
    }
}
