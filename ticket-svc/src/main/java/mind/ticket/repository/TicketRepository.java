package mind.ticket.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.StatelessSession;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.ticket.domain.Ticket;

@ApplicationScoped
public class TicketRepository implements PanacheRepository<Ticket> {

    private final StatelessSession stateless;

    public TicketRepository(StatelessSession stateless) {
        this.stateless = stateless;
    }

    /**
     * Inserts a new ticket in the current transaction without making it managed: one INSERT and
     * nothing else. {@code persist} would also deep-copy every JSON column into a snapshot and
     * dirty-check them at each flush (a tenth of a POST /ticket's CPU) for an entity nobody changes
     * afterwards. The ticket has its id when this returns.
     */
    public void insertNew(Ticket ticket) {
        stateless.insert(ticket);
    }

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
