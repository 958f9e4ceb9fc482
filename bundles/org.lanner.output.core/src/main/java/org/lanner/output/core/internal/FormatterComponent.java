package org.lanner.output.core.internal;

import java.util.SortedMap;

import org.lanner.api.output.Alert;
import org.lanner.output.core.AlertFormatter;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/** The {@link AlertFormatter} service, configured from {@code org.lanner.output}. */
@Component(service = AlertFormatter.class, configurationPid = OutputConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FormatterComponent implements AlertFormatter {

    private volatile FalcoFormat format;

    @Activate
    public FormatterComponent(OutputConfig config) {
        this.format = new FalcoFormat(options(config));
    }

    /** A new configuration changes the format of the next alerts; the sinks keep this service. */
    @Modified
    void modified(OutputConfig config) {
        this.format = new FalcoFormat(options(config));
    }

    static FormatOptions options(OutputConfig config) {
        return new FormatOptions(config.json__output(), config.json__include__output__property(),
                config.json__include__tags__property(), config.time__format__iso__8601(),
                config.json__include__hostname__property());
    }

    @Override
    public FormatOptions options() {
        return format.options();
    }

    @Override
    public String text(Alert alert) {
        return format.text(alert);
    }

    @Override
    public String json(Alert alert) {
        return format.json(alert);
    }

    @Override
    public SortedMap<String, String> fieldStrings(Alert alert) {
        return format.fieldStrings(alert);
    }
}
