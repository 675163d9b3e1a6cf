package mind.settings.domain;

/** How an executor holds its function; only source code is stored here. */
public enum UdfExecutorType {
    sourceCode
}
