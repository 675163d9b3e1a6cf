package mind.ticket.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.ticket.domain.Conversation;
import mind.ticket.domain.TicketEnums.Direction;

@ApplicationScoped
public class ConversationRepository implements PanacheRepository<Conversation> {

    /** A ticket's conversations matching the filter, oldest first; one statement whatever the filter. */
    @SuppressWarnings("unchecked")
    public List<Conversation> list(long ticketId, ConversationFilter filter) {
        StringBuilder sql = new StringBuilder("select * from conversation where ticket_id = :ticketId");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ticketId", ticketId);
        if (!filter.types().isEmpty()) {
            sql.append(" and type in (:types)");
            params.put("types", filter.types().stream().map(Enum::name).toList());
        }
        if (!filter.directions().isEmpty()) {
            sql.append(" and direction in (:directions)");
            params.put("directions", filter.directions().stream().map(Enum::name).toList());
        }
        if (!filter.privateValues().isEmpty()) {
            sql.append(" and private in (:privateValues)");
            params.put("privateValues", filter.privateValues());
        }
        if (!filter.senderIds().isEmpty()) {
            sql.append(" and agent_id in (:senderIds)");
            params.put("senderIds", filter.senderIds());
        }
        if (!filter.toIds().isEmpty()) {
            // any of the given recipients among the message's
            sql.append(" and exists (select 1 from jsonb_array_elements_text(to_addresses) recipient where recipient in (:toIds))");
            params.put("toIds", filter.toIds());
        }
        sql.append(" order by created_at, id limit :limit offset :offset");
        params.put("limit", filter.limit());
        params.put("offset", filter.offset());
        Query query = getEntityManager().createNativeQuery(sql.toString(), Conversation.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    public Optional<Conversation> findOnTicket(long ticketId, long conversationId) {
        return find("id = ?1 and ticketId = ?2", conversationId, ticketId).firstResultOptional();
    }

    /** The same, locked for update: two requests changing one conversation run one after the other. */
    public Optional<Conversation> findOnTicketForUpdate(long ticketId, long conversationId) {
        return find("id = ?1 and ticketId = ?2", conversationId, ticketId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public Optional<Conversation> findByExternalId(long ticketId, String externalConversationId) {
        return find("ticketId = ?1 and externalConversationId = ?2", ticketId, externalConversationId).firstResultOptional();
    }

    /** Customer messages after the ticket's own first one (which is the ticket's body). */
    public long countCustomerReplies(long ticketId) {
        return count("ticketId = ?1 and direction = ?2 and draft = false and isPrivate = false", ticketId, Direction.in);
    }

    /** The newest message from the customer, for the quoted history of a reply; never a private one, which a mail must not carry. */
    public Optional<Conversation> latestInbound(long ticketId) {
        return find("ticketId = ?1 and direction = ?2 and draft = false and isPrivate = false order by createdAt desc, id desc",
                ticketId, Direction.in).firstResultOptional();
    }
}
