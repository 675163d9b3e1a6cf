package mind.ticket.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.ticket.domain.Ticket;

@ApplicationScoped
public class TicketRepository implements PanacheRepository<Ticket> {

    public Optional<Ticket> findByExternalTicketId(String externalTicketId) {
        return find("externalTicketId", externalTicketId).firstResultOptional();
    }

    /**
     * Serializes creates that carry the same external id until the transaction ends, so that two
     * concurrent upserts never both insert.
     */
    public void lockExternalTicketId(String externalTicketId) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "ticket.external:" + externalTicketId)
                .getSingleResult();
    }
}
