package mind.common.patch;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One field of a PATCH body, in one of three states: <b>absent</b> (the property was not sent:
 * leave the field alone), <b>clear</b> (sent as {@code null}: clear it) or <b>set</b> (sent with a
 * value: change it to that). Used as the type of every field of a PATCH request record:
 *
 * <pre>{@code
 * public record TicketPatch(@Size(max = 1000) Patch<String> subject, Patch<Long> agentId) {}
 * ...
 * patch.subject().applyTo(v -> ticket.subject = v);
 * patch.agentId().applyTo(v -> ticket.agentId = v);
 * }</pre>
 *
 * <p>JSON: {@link PatchModule} reads a missing property as {@link #absent()}, {@code null} as
 * {@link #clear()} and anything else as the contained type (errors name the field as usual).
 * Validation: constraints on a {@code Patch} field apply to the contained value
 * ({@link PatchValueExtractor}); an absent field is not validated, a cleared one is validated as
 * {@code null}, so {@code @NotNull Patch<String>} means "may be left out, may not be cleared".
 * OpenAPI: give the field {@code @Schema(implementation = String.class, nullable = true)} (the
 * contained type) so that clients see the value's schema, not this wrapper's.
 */
public final class Patch<T> {

    private enum State {
        ABSENT, CLEAR, SET
    }

    private static final Patch<?> ABSENT = new Patch<>(State.ABSENT, null);
    private static final Patch<?> CLEAR = new Patch<>(State.CLEAR, null);

    private final State state;
    private final T value;

    private Patch(State state, T value) {
        this.state = state;
        this.value = value;
    }

    /** The property was not sent. */
    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    /** The property was sent as {@code null}. */
    @SuppressWarnings("unchecked")
    public static <T> Patch<T> clear() {
        return (Patch<T>) CLEAR;
    }

    /** The property was sent with this value; {@code null} means {@link #clear()}. */
    public static <T> Patch<T> of(T value) {
        return value == null ? clear() : new Patch<>(State.SET, value);
    }

    public boolean isAbsent() {
        return state == State.ABSENT;
    }

    /** Sent as {@code null}. */
    public boolean isClear() {
        return state == State.CLEAR;
    }

    /** Sent with a value. */
    public boolean isSet() {
        return state == State.SET;
    }

    /** Sent at all (set or clear): the field changes. */
    public boolean isPresent() {
        return state != State.ABSENT;
    }

    /** The value; only for {@link #isSet()}. */
    public T value() {
        if (state != State.SET) {
            throw new NoSuchElementException("Patch is " + state.name().toLowerCase());
        }
        return value;
    }

    /** The value when set, {@code null} when cleared, {@code otherwise} when absent. */
    public T orElse(T otherwise) {
        return state == State.ABSENT ? otherwise : value;
    }

    /**
     * Applies the change: a set value or {@code null} (clear) is handed to {@code setter}; an absent
     * field does nothing. Returns whether the setter ran.
     */
    public boolean applyTo(Consumer<? super T> setter) {
        if (state == State.ABSENT) {
            return false;
        }
        setter.accept(value);
        return true;
    }

    /** The same state with a converted value; {@code mapper} runs only for a set value. */
    public <R> Patch<R> map(Function<? super T, ? extends R> mapper) {
        return state == State.SET ? Patch.of(mapper.apply(value)) : (state == State.CLEAR ? clear() : absent());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Patch<?> p && p.state == state && Objects.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, value);
    }

    @Override
    public String toString() {
        return switch (state) {
            case ABSENT -> "Patch.absent";
            case CLEAR -> "Patch.clear";
            case SET -> "Patch[" + value + "]";
        };
    }
}
