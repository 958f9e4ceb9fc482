package org.lanner.api.engine;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Rules, compiled and indexed: the engine's current ruleset, which runs follow unless they bring their
 * own ({@link org.lanner.api.run.Runs}).
 */
@ProviderType
public interface RuleEngine {

    /**
     * The engine version rules compare {@code required_engine_version} with. It changes whenever
     * the fields, event types or rules language change.
     */
    int engineVersion();

    /** SHA-256 over the names of every field present, the event types and the rules schema. */
    String fieldsChecksum();

    /**
     * Loads and compiles the rules files, then swaps the new ruleset in atomically. When loading
     * fails the running ruleset stays and the result carries the errors.
     */
    LoadResult load(RulesRequest request);

    /** Loads and compiles without swapping anything in ({@code -V}). */
    LoadResult validate(RulesRequest request);

    /**
     * How the current ruleset compiled, including the rules still pending for a source or plugin
     * that is not present, as of the latest recompilation (rules follow extractors and sources as
     * they come and go). Empty before anything was loaded.
     */
    LoadResult status();

    /** The rules of the current ruleset, in load order (disabled ones included; pending ones not). */
    List<RuleInfo> rules();

    /** Counters since the engine started. */
    EngineStats stats();
}
