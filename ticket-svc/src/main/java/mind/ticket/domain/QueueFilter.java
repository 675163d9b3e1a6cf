package mind.ticket.domain;

import java.util.List;

/**
 * One checked condition on the work queue, from a getLatest filter: {@code key in values}, or
 * {@code not in} when negated. Values are valid for the key (enum names, tag ids as numbers).
 */
public record QueueFilter(Key key, boolean negated, List<String> values) {

    public enum Key {
        CHANNEL("t.channel", "channel"), PRIORITY("t.priority", "priority"), STATUS("t.status", "status"),
        TAG("tt.tagId", "tagId");

        public final String apiName;
        /** The same key without its prefix, as search takes {@code status} for {@code t.status}. */
        public final String shortName;

        Key(String apiName, String shortName) {
            this.apiName = apiName;
            this.shortName = shortName;
        }
    }

    public QueueFilter {
        values = List.copyOf(values);
    }
}
