package mind.ticket.support;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.patch.Patch;
import mind.ticket.api.TicketView;
import mind.ticket.domain.Ticket;
import mind.ticket.service.TagDirectory;

/**
 * Test-only PATCH endpoint (no ticket PATCH exists yet) that shows how every PATCH uses
 * {@link Patch}: a request record of Patch fields, validated on their contained values, applied
 * field by field inside the transaction.
 */
@Path("/test-support/patch/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.UPDATE_TICKET })
public class TicketPatchResource {

    public record TicketPatch(
            @Size(max = 20) @Schema(implementation = String.class, nullable = true) Patch<String> subject,
            @Schema(implementation = Long.class, nullable = true) Patch<Long> agentId,
            @NotNull @Size(max = 64) @Schema(implementation = String.class, description = "may not be cleared") Patch<String> contractId,
            @Size(max = 3) @Schema(type = SchemaType.ARRAY, implementation = Long.class, nullable = true) Patch<List<@NotNull Long>> tags) {
    }

    private final EntityManager em;
    private final TagDirectory tags;

    public TicketPatchResource(EntityManager em, TagDirectory tags) {
        this.em = em;
        this.tags = tags;
    }

    @PATCH
    @Path("/{id}")
    @Transactional
    public TicketView patch(@PathParam("id") long id, @Valid @NotNull TicketPatch patch) {
        Ticket ticket = em.find(Ticket.class, id);
        if (ticket == null) {
            throw ApiException.notFound("Ticket " + id + " not found");
        }
        patch.subject().applyTo(v -> ticket.subject = v);
        patch.agentId().applyTo(v -> ticket.agentId = v);
        patch.contractId().applyTo(v -> ticket.contractId = v);
        patch.tags().applyTo(v -> ticket.tagIds = v == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(v));
        return TicketView.of(ticket, tags.refs(ticket.tagIds));
    }
}
