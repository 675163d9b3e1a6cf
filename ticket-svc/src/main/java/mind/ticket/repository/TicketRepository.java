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
}
