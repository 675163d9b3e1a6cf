package mind.ticket.domain;

import java.util.List;

/**
 * The tags an agent may work on: a ticket's tag ids must contain all of them ({@code ALL}) or at
 * least one ({@code AT_LEAST_ONE}). No skills: no restriction.
 */
public record Skills(List<Long> tagIds, Match match) {

    public enum Match {
        ALL, AT_LEAST_ONE
    }

    public static final Skills NONE = new Skills(List.of(), Match.AT_LEAST_ONE);

    public Skills {
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
        match = match == null ? Match.AT_LEAST_ONE : match;
    }

    public boolean restricts() {
        return !tagIds.isEmpty();
    }
}
