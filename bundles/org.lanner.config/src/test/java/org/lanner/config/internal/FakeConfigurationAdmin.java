package org.lanner.config.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A ConfigurationAdmin in memory, enough for the dispatcher: singleton and named factory
 * configurations (PID {@code factory~name}, as CM 1.6 builds it), properties copied in and out,
 * and a log of every update and delete so tests can see what was touched.
 */
final class FakeConfigurationAdmin implements ConfigurationAdmin {

    final Map<String, FakeConfiguration> configs = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    /** PIDs whose update throws, to test failure reporting. */
    final Set<String> failing = new HashSet<>();

    /** A configuration created by someone else (e.g. a Karaf .cfg file), with no marker. */
    void preset(String pid, Map<String, Object> props) throws IOException {
        getConfiguration(pid, "?").update(new Hashtable<>(props));
        log.clear();
    }

    /** The current properties of a PID, without the service.* keys; null when it does not exist. */
    Map<String, Object> props(String pid) {
        FakeConfiguration c = configs.get(pid);
        if (c == null || c.props == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Collections.list(c.props.keys())) {
            if (!k.startsWith("service.")) {
                m.put(k, c.props.get(k));
            }
        }
        return m;
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        throw new UnsupportedOperationException("the dispatcher names its factory configurations");
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        throw new UnsupportedOperationException("the dispatcher names its factory configurations");
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        return configs.computeIfAbsent(pid, p -> new FakeConfiguration(p, null, location));
    }

    @Override
    public Configuration getConfiguration(String pid) {
        return getConfiguration(pid, null);
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        return configs.computeIfAbsent(factoryPid + "~" + name, p -> new FakeConfiguration(p, factoryPid, location));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        return getFactoryConfiguration(factoryPid, name, null);
    }

    @Override
    public Configuration[] listConfigurations(String filter) {
        if (filter != null) {
            throw new UnsupportedOperationException("filters are not needed by the dispatcher");
        }
        Configuration[] list = configs.values().stream().filter(c -> c.props != null).toArray(Configuration[]::new);
        return list.length == 0 ? null : list;
    }

    final class FakeConfiguration implements Configuration {
        final String pid;
        final String factoryPid;
        String location;
        Hashtable<String, Object> props;
        long changes;
        boolean deleted;

        /** As Felix's: a deleted configuration throws on every call. */
        private void checkDeleted() {
            if (deleted) {
                throw new IllegalStateException("Configuration " + pid + " deleted");
            }
        }

        FakeConfiguration(String pid, String factoryPid, String location) {
            this.pid = pid;
            this.factoryPid = factoryPid;
            this.location = location;
        }

        @Override
        public String getPid() {
            checkDeleted();
            return pid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            checkDeleted();
            return props == null ? null : new Hashtable<>(props);
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(org.osgi.framework.ServiceReference<?> reference) {
            return getProperties();
        }

        @Override
        public void update(Dictionary<String, ?> properties) throws IOException {
            checkDeleted();
            if (failing.contains(pid)) {
                throw new IOException("disk full");
            }
            Hashtable<String, Object> p = new Hashtable<>();
            for (String k : Collections.list(properties.keys())) {
                p.put(k, properties.get(k));
            }
            p.put("service.pid", pid);
            if (factoryPid != null) {
                p.put("service.factoryPid", factoryPid);
            }
            props = p;
            changes++;
            log.add("update " + pid);
        }

        @Override
        public void delete() {
            checkDeleted();
            deleted = true;
            configs.remove(pid);
            log.add("delete " + pid);
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public void update() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> properties) {
            throw new UnsupportedOperationException("the dispatcher compares by itself");
        }

        @Override
        public void setBundleLocation(String location) {
            this.location = location;
        }

        @Override
        public String getBundleLocation() {
            return location;
        }

        @Override
        public long getChangeCount() {
            return changes;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return EnumSet.noneOf(ConfigurationAttribute.class);
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }
    }
}
