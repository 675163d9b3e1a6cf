package mind.ticket.support;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import mind.common.persistence.ReadOnly;
import mind.ticket.domain.Ticket;

/** Test-only bean: what a {@link ReadOnly} method finds about the session it runs on. */
@ApplicationScoped
public class ReadOnlyProbe {

    private final Session session;

    public ReadOnlyProbe(Session session) {
        this.session = session;
    }

    /** Whether the loaded ticket is read-only in the session, after changing its subject (which must not land). */
    @ReadOnly
    public boolean loadAndChange(long id, String subject) {
        Ticket ticket = session.find(Ticket.class, id);
        ticket.subject = subject;
        return session.isReadOnly(ticket);
    }
}
