package mind.telephony.repository;

import static mind.common.persistence.JdbcParams.setInstant;
import static mind.common.persistence.JdbcParams.setLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import mind.common.api.Channel;
import mind.telephony.domain.CallDirection;
import mind.telephony.domain.QueueClaim;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;
import mind.telephony.domain.Routing;

/**
 * The two writes every new call makes, each one statement on its own (autocommit, no transaction around it):
 * claiming the call's entry and filling it once its ticket exists. As transactions (begin, statements, commit,
 * the entity loaded and flushed) they were a quarter of telephony-svc's CPU per call and six of the call's
 * round trips to PostgreSQL; now two. Anything less common (a claim held by another request, an entry taken
 * over or gone) goes the transactional way in {@link QueueEntryRepository}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ClaimStatements {

    private final AgroalDataSource dataSource;

    public ClaimStatements(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the call's entry as claimed, without ticket; empty when an entry for the channelId exists. The unique
     * index on channel_id decides between concurrent requests, across pods. Commits without waiting
     * for the disk ({@code synchronous_commit} off for this statement's own transaction): a claim lost in a
     * database crash is claimed again by the phone system's resend.
     */
    public Optional<QueueClaim> insertClaim(String channelId, Routing routing, CallDirection direction) {
        String sql = """
                with relaxed as (select set_config('synchronous_commit', 'off', true))
                insert into queue_entry (channel_id, status, channel, routing, direction, created_at, updated_at, claimed_at)
                select ?, ?, ?, ?, ?, now(), now(), now() from relaxed
                on conflict (channel_id) where channel_id is not null do nothing
                returning id, claimed_at""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, channelId);
            s.setString(2, QueueStatus.preProcessing.name());
            s.setString(3, Channel.phone.name());
            s.setString(4, routing.wire());
            s.setString(5, direction.name());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new QueueClaim(r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming call " + channelId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes what {@code described} says about the call into its claimed entry and ends the claim, durably;
     * false when the entry is gone or already has its ticket (another request took the claim over).
     */
    public boolean fill(long entryId, QueueEntry described) {
        String sql = """
                update queue_entry set ticket_id = ?, channel_id = ?, channel = ?, subchannel_id = ?, routing = ?,
                    primary_tag_id = ?, direction = ?, caller_name = ?, phone = ?, contract_id = ?, customer_id = ?,
                    ai_agent_id = ?, updated_at = ?, status = ?, assigned_user_id = ?, routed_at = ?, completed_at = ?,
                    claimed_at = null
                where id = ? and ticket_id is null""";
        QueueEntry d = described;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            setLong(s, 1, d.ticketId);
            s.setString(2, d.channelId);
            s.setString(3, d.channel == null ? null : d.channel.name());
            setLong(s, 4, d.subchannelId);
            s.setString(5, d.routing == null ? null : d.routing.wire());
            setLong(s, 6, d.primaryTagId);
            s.setString(7, d.direction == null ? null : d.direction.name());
            s.setString(8, d.callerName);
            s.setString(9, d.phone);
            s.setString(10, d.contractId);
            s.setString(11, d.customerId);
            setLong(s, 12, d.aiAgentId);
            setInstant(s, 13, d.updatedAt);
            s.setString(14, d.status.name());
            setLong(s, 15, d.assignedUserId);
            setInstant(s, 16, d.routedAt);
            setInstant(s, 17, d.completedAt);
            s.setLong(18, entryId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("registering call " + d.channelId + " failed: " + e.getMessage(), e);
        }
    }
}
