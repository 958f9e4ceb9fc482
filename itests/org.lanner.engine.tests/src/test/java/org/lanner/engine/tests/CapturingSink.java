package org.lanner.engine.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputSink;

/** A sink that keeps every alert it is given. */
final class CapturingSink implements OutputSink {

    final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(Alert alert) {
        alerts.add(alert);
    }
}
