package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.settings.api.TeamPatch;
import mind.settings.api.TeamRequest;
import mind.settings.api.TeamView;
import mind.settings.domain.Team;
import mind.settings.repository.ProfileRepository;
import mind.settings.repository.TeamMemberRepository;
import mind.settings.repository.TeamRepository;

/** Teams: a forest like tags; parent changes serialized by one advisory lock so no cycle slips in. */
@ApplicationScoped
public class TeamService {

    private static final String TREE_LOCK = "team.tree";

    private final TeamRepository teams;
    private final TeamMemberRepository members;
    private final ProfileRepository profiles;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public TeamService(TeamRepository teams, TeamMemberRepository members, ProfileRepository profiles, AdvisoryLocks locks,
            Clock clock) {
        this.teams = teams;
        this.members = members;
        this.profiles = profiles;
        this.locks = locks;
        this.clock = clock;
    }

    /** Every team in id order, members read in one query. */
    @ReadOnly
    public List<TeamView> list() {
        List<Team> all = teams.all();
        Map<Long, List<Long>> memberIds = members.membersOf(all.stream().map(t -> t.id).toList());
        return all.stream().map(t -> TeamView.of(t, memberIds.getOrDefault(t.id, List.of()), false)).toList();
    }

    @ReadOnly
    public Versioned<TeamView> get(long id) {
        Team t = find(id);
        return new Versioned<>(TeamView.of(t, membersOf(id), true), t.version);
    }

    @Transactional
    public long create(TeamRequest body) {
        Team t = new Team();
        t.name = body.name().strip();
        t.description = body.description();
        if (body.parent() != null) {
            locks.lock(TREE_LOCK, "all");
            checkParent(null, body.parent());
            t.parentId = body.parent();
        }
        t.createdAt = now();
        t.modifiedAt = t.createdAt;
        teams.persist(t);
        teams.flush(); // a duplicate name surfaces here as 409 naming name
        if (body.memberIds() != null) {
            members.setMembersOf(t.id, checkedProfiles(body.memberIds()));
        }
        return t.id;
    }

    @Transactional
    public Versioned<TeamView> update(long id, TeamPatch patch, Integer ifMatch) {
        Team t = find(id);
        Preconditions.check(ifMatch, t.version);
        if (patch.parent().isPresent()) {
            Long parent = patch.parent().orElse(null);
            if (parent != null && !parent.equals(t.parentId)) {
                locks.lock(TREE_LOCK, "all");
                checkParent(id, parent);
            }
            t.parentId = parent;
        }
        patch.name().applyTo(v -> t.name = v.strip());
        patch.description().applyTo(v -> t.description = v);
        patch.memberIds().applyTo(v -> members.setMembersOf(id, checkedProfiles(v)));
        t.modifiedAt = now();
        // every PATCH is a new version, also one that changes only the members (another table)
        teams.getEntityManager().lock(t, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        teams.flush();
        return new Versioned<>(TeamView.of(t, membersOf(id), true), t.version);
    }

    /**
     * A team with sub-teams is not deleted (409 team_has_children); its memberships go with it, and each former
     * member gets a new version (its teamIds change).
     */
    @Transactional
    public void delete(long id, Integer ifMatch) {
        Team t = find(id);
        Preconditions.check(ifMatch, t.version);
        locks.lock(TREE_LOCK, "all");
        if (teams.hasChildren(id)) {
            throw ApiException.conflict("team_has_children", "Team " + id + " has sub-teams; move or delete them first");
        }
        members.setMembersOf(id, List.of());
        teams.delete(t);
    }

    private void checkParent(Long id, long parent) {
        List<Long> chain = teams.idsToRoot(parent);
        if (chain.isEmpty()) {
            throw ApiException.invalidField("parent", "no team with id " + parent);
        }
        if (id != null && chain.contains(id)) {
            throw ApiException.invalidField("parent", "would make the team its own ancestor (a cycle)");
        }
        int below = id == null ? 0 : teams.heightBelow(id);
        if (chain.size() + below + 1 > TeamRepository.MAX_DEPTH) {
            throw ApiException.invalidField("parent", "teams nest at most " + TeamRepository.MAX_DEPTH + " levels deep");
        }
    }

    private List<Long> checkedProfiles(List<Long> ids) {
        Set<Long> wanted = new TreeSet<>(ids);
        Set<Long> missing = new TreeSet<>(wanted);
        if (!wanted.isEmpty()) {
            profiles.find("select id from Profile where id in ?1", List.copyOf(wanted)).project(Long.class).list()
                    .forEach(missing::remove);
        }
        if (!missing.isEmpty()) {
            throw ApiException.invalidField("memberIds", "no profile with id " + missing);
        }
        return List.copyOf(wanted);
    }

    private List<Long> membersOf(long id) {
        return members.membersOf(List.of(id)).getOrDefault(id, List.of());
    }

    private Team find(long id) {
        Team t = teams.findById(id);
        if (t == null) {
            throw ApiException.notFound("Team " + id + " not found");
        }
        return t;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
