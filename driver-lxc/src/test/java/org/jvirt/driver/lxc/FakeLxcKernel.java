package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jvirt.driver.lxc.linux.CgroupDevicePrograms;
import org.jvirt.driver.lxc.linux.LxcKernel;
import org.jvirt.driver.lxc.linux.NamespaceOps;

/**
 * The container driver's kernel seams without a kernel: each call is noted, in order, as a line
 * ({@code pivot_root PID NEWROOT PUTOLD}, {@code sethostname PID NAME}, {@code bpf GROUP RULES}).
 */
final class FakeLxcKernel implements NamespaceOps, CgroupDevicePrograms {
    final List<String> calls = new CopyOnWriteArrayList<>();

    LxcKernel kernel() {
        return new LxcKernel(this, this);
    }

    @Override
    public void pivotRoot(long pid, Path newRoot, String putOld) {
        calls.add("pivot_root " + pid + " " + newRoot + " " + putOld);
    }

    @Override
    public void setHostName(long pid, String hostName) {
        calls.add("sethostname " + pid + " " + hostName);
    }

    @Override
    public void attach(Path group, List<String> allowRules) {
        calls.add("bpf " + group + " " + allowRules);
    }
}
