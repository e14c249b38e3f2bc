package org.jvirt.cli.command;

/** The groups of {@code help}, in the order it lists them, with virsh's keywords. */
public enum CommandGroup {
    DOMAIN("Domain Management", "domain"),
    MONITOR("Domain Monitoring", "monitor"),
    EVENTS("Domain Events", "events"),
    PINNING("CPU Pinning (jvirt)", "pinning"),
    HOST("Host and Hypervisor", "host"),
    SHELL("Jvirsh itself", "virsh");

    private final String title;
    private final String keyword;

    CommandGroup(String title, String keyword) {
        this.title = title;
        this.keyword = keyword;
    }

    public String title() {
        return title;
    }

    public String keyword() {
        return keyword;
    }

    /** The heading help prints above the group's commands. */
    public String heading() {
        return " " + title + " (help keyword '" + keyword + "'):";
    }
}
