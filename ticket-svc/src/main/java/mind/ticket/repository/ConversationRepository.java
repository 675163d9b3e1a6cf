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

    /** One page of a ticket's conversations matching the filter and how many match in all. */
    public record Page(List<Conversation> conversations, long total) {
    }

    /**
     * A ticket's conversations matching the filter, oldest first, one statement whatever the filter; with how many
     * match in all, which a second statement counts only when the page is full (or empty past the first row).
     */
    @SuppressWarnings("unchecked")
    public Page list(long ticketId, ConversationFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(ticketId, filter, params);
        Query query = getEntityManager().createNativeQuery(
                "select * from conversation" + where + " order by created_at, id limit :limit offset :offset", Conversation.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", filter.limit());
        query.setParameter("offset", filter.offset());
        List<Conversation> page = query.getResultList();
        if (page.size() < filter.limit() && (!page.isEmpty() || filter.offset() == 0)) {
            // the page holds the last matching message: the count follows from it
            return new Page(page, filter.offset() + page.size());
        }
        Query count = getEntityManager().createNativeQuery("select count(*) from conversation" + where);
        params.forEach(count::setParameter);
        return new Page(page, ((Number) count.getSingleResult()).longValue());
    }

    /** The filter's conditions; values only ever bound as parameters (put into {@code params}). */
    private static String where(long ticketId, ConversationFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(" where ticket_id = :ticketId");
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
        return sql.toString();
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
