package mind.settings.domain;

/** {@code tool}: offered to smart agents as a tool; {@code udf}: called by name only. */
public enum UdfType {
    tool, udf
}
