package org.lanner.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** The parsed command line, with Falco 0.30's flags and meanings. */
final class Options {
    boolean help;
    boolean version;
    String configFile;
    boolean allEvents;
    boolean printBase64;
    boolean daemon;
    final List<String> disabledRules = new ArrayList<>();
    String eventsFile;
    boolean ignoredEvents;
    String k8sApi;
    String k8sApiCert;
    String k8sNode;
    boolean describeAll;
    String describeRule;
    boolean listFields;
    String listSource = "";
    String mesosApi;
    int durationSeconds;
    boolean namesOnly;
    final List<String> overrides = new ArrayList<>();
    String pidFile;
    String printFormat;
    final List<String> rulesFiles = new ArrayList<>();
    Integer snaplen;
    String statsFile;
    Integer statsInterval;
    final List<String> disabledTags = new ArrayList<>();
    final List<String> enabledTags = new ArrayList<>();
    boolean unbuffered;
    boolean userspace;
    boolean verbose;
    final List<String> validateFiles = new ArrayList<>();
    String writeFile;
    boolean support;
    String criSocket;
    boolean disableCriAsync;
    final List<String> disabledSources = new ArrayList<>();
    String alternateLuaDir;
}
