package mind.ticket.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.TestTokens;

/** Tickets, profiles, settings and the event log for the work-queue tests. */
final class QueueTestSupport {

    static final String GET_LATEST = "/api/mind/ticket/getLatest";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tag and agent ids no other test uses, so that tests sharing the database do not see each other's queue; always above
     * the int range, so JSON reads them back as longs (and ids past 2^31 are exercised). */
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(3_000_000, 9_000_000) * 1000);

    private QueueTestSupport() {
    }

    static long uniqueId() {
        return IDS.incrementAndGet();
    }

    /** Creates a ticket through the API; {@code fields} are POST /ticket's (channel defaults to email). */
    static long ticket(Map<String, ?> fields) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
        body.putIfAbsent("channel", "email");
        try {
            return ((Number) given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                    .body(JSON.writeValueAsString(body)).post("/api/mind/ticket?process=false")
                    .then().statusCode(200).extract().path("id")).longValue();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** settings-svc knows this agent with these skills. */
    static void profile(long agentId, String skillMatch, Long... skills) {
        profile(agentId, "First" + agentId, "Last" + agentId, skillMatch, skills);
    }

    static void profile(long agentId, String firstName, String lastName, String skillMatch, Long... skills) {
        String body = "{\"success\":true,\"id\":" + agentId + ",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName
                + "\",\"email\":\"a" + agentId + "@mind.test\",\"type\":\"enneo\",\"isSsoOnly\":0,\"lang\":\"de\","
                + "\"role\":\"agent\",\"permissions\":[],\"settings\":{\"status\":\"available\",\"callRoutingStatus\":\"idle\","
                + "\"chatRoutingStatus\":\"idle\",\"skills\":" + List.of(skills) + ",\"skillMatch\":\"" + skillMatch
                + "\",\"teamIds\":[3]}}";
        SettingsServiceStub.server.stubFor(get(urlPathEqualTo("/api/mind/profile/" + agentId)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** settings-svc answers this setting with this JSON value. */
    static void setting(String name, String jsonValue) {
        SettingsServiceStub.server.stubFor(get(urlPathEqualTo("/api/mind/settings")).withQueryParam("filterByName", equalTo(name))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[{\"name\":\"" + name + "\",\"value\":" + jsonValue + ",\"category\":\"routing\"}]")));
    }

    static Response getLatest(long agentId, String body) {
        return given().header("Authorization", TestTokens.agent(agentId)).contentType(ContentType.JSON).body(body)
                .post(GET_LATEST);
    }

    /** The ticket id getLatest hands the agent (null when none is left), asserting a 200. */
    static Long latest(long agentId, String direction, Long ticketId, String filters) {
        String body = "{\"preferredDirection\":\"" + direction + "\"" + (ticketId == null ? "" : ",\"ticketId\":" + ticketId)
                + (filters == null ? "" : ",\"filters\":" + filters) + "}";
        Number id = getLatest(agentId, body).then().statusCode(200).extract().path("ticketId");
        return id == null ? null : id.longValue();
    }

    static Long earliest(long agentId) {
        return latest(agentId, "earliest", null, null);
    }

    /** Walks the agent's queue with next from earliest to the end: the order the agent sees. */
    static List<Long> walk(long agentId) {
        List<Long> seen = new ArrayList<>();
        Long current = earliest(agentId);
        while (current != null) {
            seen.add(current);
            current = latest(agentId, "next", current, null);
        }
        return seen;
    }

    /** The ticket's claimed / released events in log order: "claimed:7", "released:7:closed". */
    static List<String> claimLog(DataSource db, long ticketId) {
        return query(db, "select type, data->>'agentId', data->>'reason' from ticket_event where ticket_id = ? "
                + "and type in ('claimed', 'released') order by id", ticketId).stream()
                .map(r -> r[0] + ":" + r[1] + (r[2] == null ? "" : ":" + r[2])).collect(Collectors.toList());
    }

    static List<String[]> query(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
            }
            List<String[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = r.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int update(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the ticket as an agent working it would (status closed, closed at the clock's time). */
    static int close(DataSource db, long ticketId) {
        return update(db, "update ticket set status = 'closed', closed_at = ?, modified_at = ? where id = ? and status = 'open'",
                WorkQueueProfile.CLOCK.instant(), WorkQueueProfile.CLOCK.instant(), ticketId);
    }
}
