package mind.ticket.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.ticket.domain.Ticket;

@ApplicationScoped
public class TicketRepository implements PanacheRepository<Ticket> {

    public Optional<Ticket> findByExternalTicketId(String externalTicketId) {
        return find("externalTicketId", externalTicketId).firstResultOptional();
    }

    /** The ticket, locked for the rest of the transaction (concurrent changes of one ticket queue up). */
    public Optional<Ticket> findForUpdate(long id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The tickets among {@code ids}, locked in id order (so two bulk updates never deadlock), in one query. */
    public List<Ticket> lockAll(Collection<Long> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
