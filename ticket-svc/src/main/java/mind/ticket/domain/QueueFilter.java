package mind.ticket.domain;

import java.util.List;

/**
 * One checked condition on the work queue, from a getLatest filter: {@code key in values}, or
 * {@code not in} when negated. Values are valid for the key (enum names, tag ids as numbers).
 */
public record QueueFilter(Key key, boolean negated, List<String> values) {

    public enum Key {
        CHANNEL("t.channel"), PRIORITY("t.priority"), STATUS("t.status"), TAG("tt.tagId");

        public final String apiName;

        Key(String apiName) {
            this.apiName = apiName;
        }
    }

    public QueueFilter {
        values = List.copyOf(values);
    }
}
