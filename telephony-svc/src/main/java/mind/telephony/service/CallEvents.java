package mind.telephony.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteUnavailableException;
import mind.common.error.ApiException;
import mind.telephony.client.CreatedTicket;
import mind.telephony.client.TicketGateway;
import mind.telephony.config.TelephonyConfig;

/**
 * agentConnected and callCompleted as the phone system reports them. An event naming by ticketId a ticket that no
 * callReceived made ("if given, attach to this ticket") is for that ticket when ticket-svc has it: ticket-svc is
 * asked, with no transaction held, and the event is applied again, now making the ticket's call (routing external,
 * status unknown until the event moves it) so that it takes the same path as every received call: the
 * assignment, activity, transcript and agent status through the outbox. No such ticket: 404.
 */
@ApplicationScoped
public class CallEvents {

    private final CallLifecycle lifecycle;
    private final TicketGateway tickets;
    private final TelephonyConfig config;

    public CallEvents(CallLifecycle lifecycle, TicketGateway tickets, TelephonyConfig config) {
        this.lifecycle = lifecycle;
        this.tickets = tickets;
        this.config = config;
    }

    public boolean agentConnected(long userId, String channelId, Long ticketId) {
        try {
            return lifecycle.agentConnected(userId, channelId, ticketId, null);
        } catch (CallLifecycle.NoCallForTicket e) {
            return lifecycle.agentConnected(userId, channelId, ticketId, existingTicket(ticketId));
        }
    }

    public boolean callCompleted(String channelId, Long ticketId, CallLifecycle.Completion done, String transcriptBody,
            int wrapUpSeconds) {
        try {
            return lifecycle.callCompleted(channelId, ticketId, null, done, transcriptBody, wrapUpSeconds);
        } catch (CallLifecycle.NoCallForTicket e) {
            return lifecycle.callCompleted(channelId, ticketId, existingTicket(ticketId), done, transcriptBody,
                    wrapUpSeconds);
        }
    }

    /** The ticket as ticket-svc has it (read with the caller's token); 404 when it has none. */
    private CreatedTicket existingTicket(long ticketId) {
        try {
            return tickets.find(ticketId).orElseThrow(() -> ApiException.notFound("No call was received for ticket "
                    + ticketId + ", and ticket-svc has no ticket " + ticketId));
        } catch (RemoteRejectedException e) {
            throw switch (e.status()) {
                case 401, 403 -> new ApiException(403, "ticket_forbidden",
                        "ticket-svc refused this token for reading ticket " + ticketId + ": " + e.getMessage());
                default -> new ApiException(400, "ticket_rejected",
                        "ticket-svc refused to read ticket " + ticketId + ": " + e.getMessage());
            };
        } catch (RemoteUnavailableException | FaultToleranceException e) {
            throw ApiException.unavailable("No call was received for ticket " + ticketId + ", and ticket-svc could not "
                    + "be asked whether the ticket exists; nothing was changed, send the event again later",
                    config.retryAfterSeconds());
        }
    }
}
