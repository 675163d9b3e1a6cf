package mind.ticket.domain;

/**
 * Ticket value sets as enneo names them (newest, superset variants). Constants are spelled exactly
 * as on the wire and in the database.
 */
public final class TicketEnums {

    private TicketEnums() {
    }

    public enum Direction {
        in, out, internal
    }

    public enum Status {
        open, pending, resolved, closed, waitingOnCustomer, waitingOnThirdParty
    }

    public enum Priority {
        low, medium, high, urgent
    }

    public enum AiSupportLevel {
        unprocessed, human, bot, automated
    }

    public enum SpamStatus {
        auto_spam, auto_programmatic, manual_spam, auto_clean, manual_clean
    }

    public enum Interface {
        internal, Freshdesk, api
    }
}
