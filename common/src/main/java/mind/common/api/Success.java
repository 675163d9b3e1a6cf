package mind.common.api;

/** enneo's {@code Success} schema: the answer of operations that return nothing else. */
public record Success(boolean success) {

    public static final Success OK = new Success(true);
}
