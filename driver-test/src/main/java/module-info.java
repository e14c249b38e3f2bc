/** The in-memory test driver ({@code test:///default}); found through its {@code provides}, it exports nothing. */
module org.jvirt.driver.test {
    requires org.jvirt.core;

    provides org.jvirt.spi.DriverModule with org.jvirt.driver.test.TestDriverModule;
}
