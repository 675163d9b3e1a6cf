package mind.ticket.support;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import mind.ticket.domain.Ticket;

/**
 * Test-only endpoints (compiled with the tests, never shipped) that provoke real database failures
 * against the test PostgreSQL, so that their mapping can be checked over HTTP. Each runs in a
 * resource-level transaction, so that failures of the flush at commit arrive wrapped the way they
 * do in production code.
 */
@Path("/test-support/db")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DatabaseFailureResource {

    private final EntityManager em;

    public DatabaseFailureResource(EntityManager em) {
        this.em = em;
    }

    /** Gives a ticket another's externalTicketId; the UPDATE (and the unique violation) happens at commit. */
    @POST
    @Path("/tickets/{id}/externalTicketId/{externalTicketId}")
    @Transactional
    public String takeExternalTicketId(@PathParam("id") long id, @PathParam("externalTicketId") String externalTicketId) {
        em.find(Ticket.class, id).externalTicketId = externalTicketId;
        return "\"not flushed yet\"";
    }

    /** Reads a ticket, lets another transaction change it, then writes the stale copy at commit. */
    @POST
    @Path("/tickets/{id}/staleWrite")
    @Transactional
    public String staleWrite(@PathParam("id") long id) {
        Ticket stale = em.find(Ticket.class, id);
        QuarkusTransaction.requiringNew().run(() -> em.find(Ticket.class, id).subject = "changed meanwhile " + java.util.UUID.randomUUID());
        stale.subject = "stale write";
        return "\"not flushed yet\"";
    }

    /** Waits at most 10 ms for the row lock on a ticket. */
    @POST
    @Path("/tickets/{id}/lock")
    @Transactional
    public String lock(@PathParam("id") long id) {
        em.createNativeQuery("select set_config('lock_timeout', '10ms', true)").getSingleResult();
        em.createNativeQuery("select id from ticket where id = ?1 for update").setParameter(1, id).getResultList();
        return "\"locked\"";
    }

    /** A statement that outlives its 20 ms statement_timeout. */
    @POST
    @Path("/slowStatement")
    @Transactional
    public String slowStatement() {
        em.createNativeQuery("select set_config('statement_timeout', '20ms', true)").getSingleResult();
        em.createNativeQuery("select cast(pg_sleep(5) as text)").getSingleResult();
        return "\"finished\"";
    }
}
