package mind.settings.api;

/** The bare {@code {"success":true}} answer of operations that return nothing else. */
public record Confirmation(boolean success) {

    static final Confirmation OK = new Confirmation(true);
}
