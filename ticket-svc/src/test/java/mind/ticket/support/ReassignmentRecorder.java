package mind.ticket.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import mind.ticket.events.TicketReassigned;

/** Test observer of {@link TicketReassigned}: what the work queue will see, and whether it sees it inside the transaction. */
@ApplicationScoped
public class ReassignmentRecorder {

    public record Seen(TicketReassigned event, boolean inTransaction) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    void on(@Observes TicketReassigned event) {
        seen.add(new Seen(event, QuarkusTransaction.isActive()));
    }

    public List<Seen> of(long ticketId) {
        return seen.stream().filter(s -> s.event().ticketId() == ticketId).toList();
    }
}
