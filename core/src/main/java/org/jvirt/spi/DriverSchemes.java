package org.jvirt.spi;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;

/** The scheme → driver map every {@link DriverModule} adds to. */
public final class DriverSchemes {
    private DriverSchemes() {
    }

    public static MapBinder<String, DriverFactory> bind(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DriverFactory.class);
    }
}
