package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Set;

import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/**
 * A configuration as a plugin holds it: every call that reads, changes, deletes or binds it checks again, at the time
 * of the call, that the plugin owns it (a plugin that kept a configuration of a PID another plugin declared since
 * cannot use it any more), and it binds only to the plugin itself, a region ({@code ?...}) or no location. Two are
 * equal when they are the same configuration (the same PID), as Configuration Admin's are.
 */
final class GuardedConfiguration implements Configuration {

    private final Configuration delegate;
    private final String pluginId;
    private final PidGuard guard;

    GuardedConfiguration(Configuration delegate, String pluginId, PidGuard guard) {
        this.delegate = delegate;
        this.pluginId = pluginId;
        this.guard = guard;
    }

    private Configuration checked(String action) {
        guard.check(pluginId, action, delegate);
        return delegate;
    }

    @Override
    public String getPid() {
        return delegate.getPid();
    }

    @Override
    public String getFactoryPid() {
        return delegate.getFactoryPid();
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return checked("read").getProperties();
    }

    @Override
    public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
        return checked("read").getProcessedProperties(reference);
    }

    @Override
    public void update(Dictionary<String, ?> properties) throws IOException {
        checked("update").update(properties);
    }

    @Override
    public void update() throws IOException {
        checked("update").update();
    }

    @Override
    public boolean updateIfDifferent(Dictionary<String, ?> properties) throws IOException {
        return checked("update").updateIfDifferent(properties);
    }

    @Override
    public void delete() throws IOException {
        checked("delete").delete();
    }

    @Override
    public void setBundleLocation(String location) {
        GuardedConfigurationAdmin.checkLocation(pluginId, location);
        checked("bind").setBundleLocation(location);
    }

    @Override
    public String getBundleLocation() {
        return checked("read").getBundleLocation();
    }

    @Override
    public long getChangeCount() {
        return checked("read").getChangeCount();
    }

    @Override
    public void addAttributes(ConfigurationAttribute... attributes) throws IOException {
        checked("lock").addAttributes(attributes);
    }

    @Override
    public Set<ConfigurationAttribute> getAttributes() {
        return checked("read").getAttributes();
    }

    @Override
    public void removeAttributes(ConfigurationAttribute... attributes) throws IOException {
        checked("unlock").removeAttributes(attributes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GuardedConfiguration guarded && delegate.getPid().equals(guarded.delegate.getPid());
    }

    @Override
    public int hashCode() {
        return delegate.getPid().hashCode();
    }

    @Override
    public String toString() {
        return "configuration " + delegate.getPid();
    }
}
