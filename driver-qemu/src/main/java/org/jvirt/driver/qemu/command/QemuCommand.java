package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.Opts.add;
import static org.jvirt.driver.qemu.command.Opts.esc;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.model.DomainDef;
import org.jvirt.model.UuidText;

/**
 * The QEMU command line of a domain (docs/qemu.md#command-line-qemucommand): a pure function of the definition, the
 * binary's capabilities and the host paths. Every option and every value is one argv element;
 * no shell is ever involved. Pinning does not appear: it is applied to threads after spawn.
 *
 * <p>This is the public entry point of {@code jvirsh domxml-to-native qemu-argv}: print
 * {@code argv(def, caps, paths)} joined by spaces (quote elements for display only).
 */
public final class QemuCommand {
    private QemuCommand() {
    }

    /** The argv (element 0 is the emulator binary) with default options. */
    public static List<String> argv(DomainDef def, QemuCaps caps, QemuPaths paths) {
        return argv(def, caps, paths, CommandOptions.DEFAULT);
    }

    /**
     * The argv of {@code def}.
     *
     * @throws org.jvirt.error.VirtException CONFIG_UNSUPPORTED for what the driver cannot express
     */
    public static List<String> argv(DomainDef def, QemuCaps caps, QemuPaths paths, CommandOptions options) {
        List<String> argv = new ArrayList<>();
        argv.add(def.devices().emulator().orElse(caps.binary()));
        MachineArgs m = new MachineArgs(def, caps, options);
        m.name(argv);
        argv.add("-S");
        m.machine(argv);
        m.cpu(argv);
        m.memory(argv);
        m.smp(argv);
        m.numa(argv);
        add(argv, "-uuid", UuidText.of(def.uuid()));
        if (!DeviceArgs.hasVnc(def)) {
            add(argv, "-display", "none");
        }
        argv.add("-no-user-config");
        argv.add("-nodefaults");
        add(argv, "-chardev", "socket,id=charmonitor,path=" + esc(paths.monitorSocket().toString())
                + ",server=on,wait=off");
        add(argv, "-mon", "chardev=charmonitor,id=monitor,mode=control");
        paths.jobsSocket().ifPresent(jobs -> {
            add(argv, "-chardev", "socket,id=charjobs,path=" + esc(jobs.toString()) + ",server=on,wait=off");
            add(argv, "-mon", "chardev=charjobs,id=jobs,mode=control");
        });
        add(argv, "-rtc", "base=" + (def.clock().offset().equals("localtime") ? "localtime" : "utc"));
        argv.add("-no-shutdown");
        if (!def.features().map(f -> f.has("acpi")).orElse(false)) {
            argv.add("-no-acpi");
        }
        add(argv, "-boot", "strict=on");
        def.os().kernel().ifPresent(k -> add(argv, "-kernel", k));
        def.os().initrd().ifPresent(i -> add(argv, "-initrd", i));
        def.os().cmdline().ifPresent(c -> add(argv, "-append", c));
        new DeviceArgs(def, m.machineType()).devices(argv);
        if (options.sandbox()) {
            add(argv, "-sandbox", "on,obsolete=deny,elevateprivileges=deny,"
                    + (DeviceArgs.hasBridge(def) ? "" : "spawn=deny,") + "resourcecontrol=deny");
        }
        add(argv, "-msg", "timestamp=on");
        paths.pidFile().ifPresent(p -> add(argv, "-pidfile", p.toString()));
        return List.copyOf(argv);
    }

    /** The machine type {@code def} runs with (canonical). */
    public static String machineType(DomainDef def, QemuCaps caps) {
        return new MachineArgs(def, caps, CommandOptions.DEFAULT).machineType();
    }

    /** How many vCPUs QEMU creates itself ({@code -smp N}); the other enabled ones are device_add'ed. */
    public static int bootVcpus(DomainDef def) {
        return MachineArgs.bootVcpus(def);
    }
}
