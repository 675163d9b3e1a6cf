package mind.settings.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.error.ApiException;
import mind.settings.client.TicketGateway;
import mind.settings.config.PeopleConfig;

/**
 * The ticket {@code POST /tag/{id}/detect} tests against when the request names it by {@code ticketId}
 * and sends no {@code data}: read from ticket-svc with the caller's token, without recording a view.
 */
@ApplicationScoped
public class DetectionTicket {

    private final TicketGateway tickets;
    private final PeopleConfig config;

    public DetectionTicket(TicketGateway tickets, PeopleConfig config) {
        this.tickets = tickets;
        this.config = config;
    }

    /**
     * @throws ApiException 404 naming ticketId when ticket-svc has no such ticket, ticket-svc's own 4xx
     *                      otherwise, 503 with Retry-After when it cannot be asked
     */
    public JsonNode fields(long ticketId) {
        try {
            return tickets.ticket(ticketId);
        } catch (RemoteRejectedException e) {
            if (e.status() == 404) {
                throw new ApiException(404, "not_found", "No ticket " + ticketId + " in " + TicketGateway.SERVICE,
                        java.util.List.of(new mind.common.error.FieldError("ticketId", "no such ticket")), null);
            }
            throw new ApiException(e.status() >= 400 && e.status() < 500 ? e.status() : 502,
                    e.code() == null ? "ticket_read_refused" : e.code(),
                    TicketGateway.SERVICE + " refused to show ticket " + ticketId + ": " + e.getMessage());
        } catch (RemoteCallException | FaultToleranceException e) {
            throw ApiException.unavailable(TicketGateway.SERVICE + " could not be asked for ticket " + ticketId
                    + "; try again later, or send the ticket's fields in data", config.ticketRetryAfterSeconds());
        }
    }
}
