package mind.ticket.search;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import mind.common.testing.TestTokens;

/**
 * Tickets for search tests, written straight into the table so that every searchable column can be set.
 * Each test works in its own scope: a fresh {@code language} value that its searches filter on, so tests
 * sharing the database never see each other's tickets.
 */
@ApplicationScoped
public class SearchFixtures {

    private final EntityManager em;

    public SearchFixtures(EntityManager em) {
        this.em = em;
    }

    public static String newScope() {
        return "scope-" + UUID.randomUUID();
    }

    /** A ticket with defaults (email, in, open, low, created 2024-05-01 12:00); {@code set} overrides columns. */
    public Builder ticket(String scope) {
        return new Builder(scope);
    }

    public final class Builder {
        private final Map<String, Object> columns = new LinkedHashMap<>();

        Builder(String scope) {
            columns.put("direction", "in");
            columns.put("channel", "email");
            columns.put("status", "open");
            columns.put("priority", "low");
            columns.put("interface", "internal");
            columns.put("ai_support_level", "unprocessed");
            columns.put("created_at", Instant.parse("2024-05-01T12:00:00Z"));
            columns.put("language", scope);
            columns.put("tag_ids", new Long[0]);
        }

        /** column is a test constant (snake_case column name); value a Java value (Long[] for tag_ids). */
        public Builder set(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        public long insert() {
            List<String> names = new ArrayList<>(columns.keySet());
            StringBuilder sql = new StringBuilder("insert into ticket (").append(String.join(", ", names)).append(") values (");
            for (int i = 0; i < names.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("?").append(i + 1);
            }
            sql.append(") returning id");
            return QuarkusTransaction.requiringNew().call(() -> {
                var q = em.createNativeQuery(sql.toString());
                for (int i = 0; i < names.size(); i++) {
                    q.setParameter(i + 1, columns.get(names.get(i)));
                }
                return ((Number) q.getSingleResult()).longValue();
            });
        }
    }

    /** A message of the ticket's thread (a mail in, or a draft), written straight into the table. */
    public void message(long ticketId, String subject, String bodyPlain, boolean draft) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into conversation (ticket_id, type, direction, is_draft, subject, body, body_plain, created_at) "
                        + "values (?1, 'email', 'in', ?2, ?3, ?4, ?4, now())")
                .setParameter(1, ticketId).setParameter(2, draft).setParameter(3, subject).setParameter(4, bodyPlain)
                .executeUpdate());
    }

    /** POST /ticket/search as an agent with the given JSON body. */
    public static ValidatableResponse search(String body) {
        return searchAs(TestTokens.agent(7), body);
    }

    public static ValidatableResponse searchAs(String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .when().post("/api/mind/ticket/search").then();
    }

    /** A search body: the scope filter plus the given filters (JSON objects), and extra top-level fields. */
    public static String body(String scope, String extra, String... filters) {
        StringBuilder b = new StringBuilder("{\"filters\":[{\"key\":\"t.language\",\"comparator\":\"=\",\"value\":\"")
                .append(scope).append("\"}");
        for (String f : filters) {
            b.append(",").append(f);
        }
        b.append("]");
        if (extra != null && !extra.isBlank()) {
            b.append(",").append(extra);
        }
        return b.append("}").toString();
    }
}
