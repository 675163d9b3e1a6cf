package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;


import io.quarkus.narayana.jta.QuarkusTransaction;

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.ErrorMappers;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.settings.api.OnlineSummary;
import mind.settings.api.ProfilePatch;
import mind.settings.api.ProfileRequest;
import mind.settings.api.ProfileSettingsRequest;
import mind.settings.api.ProfileView;
import mind.settings.api.RoutingStatusRequest;
import mind.settings.api.RoutingStatusView;
import mind.settings.config.PeopleConfig;
import mind.settings.domain.EventType;
import mind.settings.domain.Profile;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.ProfileEnums.RoutingStatus;
import mind.settings.domain.ProfileEnums.RoutingStatusInput;
import mind.settings.domain.ProfileEnums.SkillMatch;
import mind.settings.domain.ProfileEnums.Status;
import mind.settings.domain.Role;
import mind.settings.domain.Team;
import mind.settings.hooks.HookEvents;
import mind.settings.repository.ProfileRepository;
import mind.settings.repository.TagRepository;
import mind.settings.repository.TeamMemberRepository;
import mind.settings.repository.TeamRepository;

@ApplicationScoped
public class ProfileService {


    /** Shared with TagService: skill changes and tag deletes do not interleave, so no profile keeps a deleted tag. */
    static final String TAG_TREE_LOCK = "tag.tree";

    private final ProfileRepository profiles;
    private final TagRepository tags;
    private final TeamRepository teams;
    private final TeamMemberRepository members;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final long lastSeenGranularity;
    private final Validator validator;
    private final RoleService roles;
    private final HookEvents hookEvents;

    public ProfileService(ProfileRepository profiles, TagRepository tags, TeamRepository teams, TeamMemberRepository members,
            AdvisoryLocks locks, Clock clock, PeopleConfig config, Validator validator, RoleService roles, HookEvents hookEvents) {
        this.hookEvents = hookEvents;
        this.validator = validator;
        this.roles = roles;
        this.profiles = profiles;
        this.tags = tags;
        this.teams = teams;
        this.members = members;
        this.locks = locks;
        this.clock = clock;
        this.lastSeenGranularity = config.lastSeenGranularity().toSeconds();
    }

    /** The stored profile of a token's subject, without email; records lastSeen. Empty when none is stored. */
    @Transactional
    public Optional<ProfileView> me(long id) {
        profiles.touch(id, now(), lastSeenGranularity);
        Profile p = profiles.findById(id);
        return p == null ? Optional.empty() : Optional.of(ProfileView.of(p, teamsOf(id), true, false));
    }

    @ReadOnly
    public Versioned<ProfileView> get(long id) {
        Profile p = find(id);
        return new Versioned<>(ProfileView.of(p, teamsOf(id), true, true), p.version);
    }

    /** Role and permissions of a stored profile, for X-Enneo-On-Behalf-Of resolved in this service. */
    @ReadOnly
    public Optional<ProfileView> find(long id, boolean withEmail) {
        Profile p = profiles.findById(id);
        return p == null ? Optional.empty() : Optional.of(ProfileView.of(p, teamsOf(id), true, withEmail));
    }

    /** A page of profiles in id order, with team ids read in one query for the whole page. */
    @ReadOnly
    public List<ProfileView> page(int limit, int offset) {
        List<Profile> page = profiles.page(limit, offset);
        Map<Long, List<Long>> teamIds = members.teamsOf(page.stream().map(p -> p.id).toList());
        return page.stream().map(p -> ProfileView.of(p, teamIds.getOrDefault(p.id, List.of()), false, true)).toList();
    }

    @ReadOnly
    public OnlineSummary onlineSummary() {
        Map<String, Long> status = zeros(Status.values());
        Map<String, Long> call = zeros(RoutingStatus.values());
        Map<String, Long> chat = zeros(RoutingStatus.values());
        long total = 0;
        for (Object[] row : profiles.statusCounts()) {
            long n = ((Number) row[3]).longValue();
            total += n;
            status.merge((String) row[0], n, Long::sum);
            call.merge((String) row[1], n, Long::sum);
            chat.merge((String) row[2], n, Long::sum);
        }
        List<Team> allTeams = teams.all();
        Map<Long, Map<String, Long>> byTeam = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (Team team : allTeams) {
            byTeam.put(team.id, zeros(Status.values()));
            names.put(team.id, team.name);
        }
        for (Object[] row : profiles.statusCountsByTeam()) {
            Map<String, Long> counts = byTeam.get(((Number) row[0]).longValue());
            if (counts != null) {
                counts.merge((String) row[1], ((Number) row[2]).longValue(), Long::sum);
            }
        }
        List<OnlineSummary.TeamSummary> perTeam = new ArrayList<>();
        byTeam.forEach((teamId, counts) -> perTeam.add(new OnlineSummary.TeamSummary(teamId, names.get(teamId),
                counts.values().stream().mapToLong(Long::longValue).sum(), counts)));
        return new OnlineSummary(true, total, status, call, chat, perTeam);
    }

    @Transactional
    public long create(ProfileRequest body) {
        ProfileSettingsRequest s = body.settings();
        Profile p = new Profile();
        p.email = normalizeEmail(body.email());
        p.firstName = body.firstName();
        p.lastName = body.lastName();
        p.phone = body.phone();
        if (body.type() != null) {
            p.type = body.type();
        }
        if (body.lang() != null) {
            p.lang = body.lang();
        }
        p.nameAlias = body.nameAlias();
        p.externalId = body.externalId();
        p.isSsoOnly = Boolean.TRUE.equals(body.isSsoOnly());
        p.role = ProfileRole.agent;
        List<Long> teamIds = List.of();
        if (s != null) {
            if (s.roleId() != null) {
                setRoleId(p, s.roleId());
            }
            if (s.role() != null) {
                setRole(p, s.role(), s.roleId() != null);
            }
            if (s.skills() != null) {
                p.skills = checkedTags("settings.skills", s.skills());
            }
            if (s.backlogTagRestrictions() != null) {
                p.backlogTagRestrictions = checkedTags("settings.backlogTagRestrictions", s.backlogTagRestrictions());
            }
            if (s.teamIds() != null) {
                teamIds = checkedTeams(s.teamIds());
            }
            p.skillMatch = s.skillMatch() == null ? SkillMatch.AT_LEAST_ONE : s.skillMatch();
            p.status = s.status() == null ? Status.offline : s.status().stored;
            p.callRoutingStatus = s.callRoutingStatus() == null ? RoutingStatus.idle : s.callRoutingStatus().forCall();
            p.chatRoutingStatus = s.chatRoutingStatus() == null ? RoutingStatus.idle : s.chatRoutingStatus().forChat();
        }
        p.createdAt = now();
        p.modifiedAt = p.createdAt;
        profiles.persist(p);
        profiles.flush(); // the id, and a duplicate email surfaces here as 409 naming email
        members.setTeamsOf(p.id, teamIds);
        hookEvents.emit(EventType.ProfileCreated, "profile-" + p.id + "-created", Map.of("profileId", p.id));
        return p.id;
    }

    @Transactional
    public Versioned<ProfileView> update(long id, ProfilePatch patch, Integer ifMatch) {
        Profile p = find(id);
        Preconditions.check(ifMatch, p.version);
        patch.email().applyTo(v -> p.email = normalizeEmail(v));
        patch.firstName().applyTo(v -> p.firstName = v);
        patch.lastName().applyTo(v -> p.lastName = v);
        patch.phone().applyTo(v -> p.phone = v);
        patch.type().applyTo(v -> p.type = v);
        patch.lang().applyTo(v -> p.lang = v);
        patch.nameAlias().applyTo(v -> p.nameAlias = v);
        patch.externalId().applyTo(v -> p.externalId = v);
        patch.isSsoOnly().applyTo(v -> p.isSsoOnly = v);
        ProfilePatch.Settings s = patch.settings();
        if (s != null) {
            s.roleId().applyTo(v -> setRoleId(p, v));
            s.role().applyTo(v -> setRole(p, v, s.roleId().isPresent()));
            s.skills().applyTo(v -> p.skills = checkedTags("settings.skills", v));
            s.backlogTagRestrictions().applyTo(v -> p.backlogTagRestrictions = checkedTags("settings.backlogTagRestrictions", v));
            s.skillMatch().applyTo(v -> p.skillMatch = v);
            s.status().applyTo(v -> p.status = v.stored);
            s.callRoutingStatus().applyTo(v -> p.callRoutingStatus = v.forCall());
            s.chatRoutingStatus().applyTo(v -> p.chatRoutingStatus = v.forChat());
            s.teamIds().applyTo(v -> members.setTeamsOf(id, checkedTeams(v)));
        }
        p.modifiedAt = now();
        // every PATCH is a new version, also one that changes only team membership (another table)
        profiles.getEntityManager().lock(p, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        profiles.flush();
        hookEvents.emit(EventType.ProfileUpdated, "profile-" + id + "-v" + p.version, Map.of("profileId", id, "version", p.version));
        return new Versioned<>(ProfileView.of(p, teamsOf(id), true, true), p.version);
    }

    /**
     * Sets call and/or chat routing status in one conditional UPDATE: with ifCurrent, only when every
     * status being changed is currently ifCurrent, so of racing requests with the same ifCurrent exactly
     * one wins and the others get 409.
     */
    @Transactional
    public Versioned<RoutingStatusView> setRouting(long id, RoutingStatusRequest body, Integer ifMatch) {
        if (body.callRoutingStatus() == null && body.chatRoutingStatus() == null) {
            throw ApiException.invalidField("callRoutingStatus", "send callRoutingStatus, chatRoutingStatus or both");
        }
        RoutingStatusInput call = body.callRoutingStatus();
        RoutingStatusInput chat = body.chatRoutingStatus();
        RoutingStatusInput ifCurrent = body.ifCurrent();
        int changed = profiles.compareAndSetRouting(id, call == null ? null : call.forCall().name(),
                chat == null ? null : chat.forChat().name(), ifCurrent == null ? null : ifCurrent.forCall().name(),
                ifCurrent == null ? null : ifCurrent.forChat().name(), ifMatch, now());
        Profile p = find(id);
        if (changed == 0) {
            Preconditions.check(ifMatch, p.version);
            throw new ApiException(409, "routing_status_changed", "The routing status is no longer " + ifCurrent
                    + " (call: " + p.callRoutingStatus + ", chat: " + p.chatRoutingStatus + ")");
        }
        hookEvents.emit(EventType.AgentRoutingStatusChanged, "profile-" + id + "-routing-v" + p.version, Map.of("profileId", id,
                "callRoutingStatus", p.callRoutingStatus.name(), "chatRoutingStatus", p.chatRoutingStatus.name()));
        return new Versioned<>(new RoutingStatusView(true, p.id, p.callRoutingStatus, p.chatRoutingStatus), p.version);
    }

    /**
     * {@code PATCH /profiles}: each item as {@code PATCH /profile/{id}} in a transaction of its own, so a failed item
     * does not undo the others. Runs outside any transaction of the caller's (an Idempotency-Key's stays open around it).
     */
    public List<BulkItem.Result<Void>> bulkUpdate(List<BulkItem<ProfilePatch>> items) {
        List<BulkItem.Result<Void>> results = new ArrayList<>(items.size());
        for (BulkItem<ProfilePatch> item : items) {
            try {
                ProfilePatch patch = validate(item);
                QuarkusTransaction.requiringNew().run(() -> update(item.id(), patch, null));
                results.add(BulkItem.Result.ok(item.id(), null));
            } catch (RuntimeException e) {
                results.add(BulkItem.Result.failed(item.id(), ErrorMappers.itemError(e)));
            }
        }
        return results;
    }

    /**
     * {@code PATCH /profiles?atomic=true}: every item is checked first (exists, tags, teams, role, a free email), and
     * only when all pass are they written, in this one transaction; otherwise nothing is written and
     * {@link BulkItem.Refused} names each failed item (the others say not_applied).
     */
    @Transactional
    public List<BulkItem.Result<Void>> bulkUpdateAtomic(List<BulkItem<ProfilePatch>> items) {
        List<BulkItem.Result<?>> results = new ArrayList<>(items.size());
        BulkItem.Result<?> first = null;
        Map<String, Long> emails = new java.util.HashMap<>();
        for (BulkItem<ProfilePatch> item : items) {
            try {
                check(item.id(), validate(item), emails);
                results.add(BulkItem.Result.ok(item.id(), null));
            } catch (ApiException e) {
                BulkItem.Result<?> failed = BulkItem.Result.failed(item.id(), e);
                results.add(failed);
                first = first == null ? failed : first;
            }
        }
        if (first != null) {
            throw new BulkItem.Refused(results.stream().map(r -> r.success()
                    ? new BulkItem.Result<>(r.id(), false, "Not written: the update is atomic and another item failed",
                            "not_applied", 200, List.<mind.common.error.FieldError>of(), null)
                    : r).toList(), first);
        }
        List<BulkItem.Result<Void>> written = new ArrayList<>(items.size());
        for (BulkItem<ProfilePatch> item : items) {
            update(item.id(), item.value(), null);
            written.add(BulkItem.Result.ok(item.id(), null));
        }
        return written;
    }

    /**
     * {@code PATCH /profiles/routingStatus}: each item as {@code PATCH /profile/{id}/routingStatus}, on its own (one
     * conditional UPDATE each, 409 for its item when ifCurrent no longer holds). {@code mayChange} says whose
     * routing status the caller may set (403 for the item otherwise).
     */
    public List<BulkItem.Result<RoutingStatusView>> bulkRouting(List<BulkItem<RoutingStatusRequest>> items,
            java.util.function.LongPredicate mayChange) {
        List<BulkItem.Result<RoutingStatusView>> results = new ArrayList<>(items.size());
        for (BulkItem<RoutingStatusRequest> item : items) {
            try {
                if (item.unreadable() != null) {
                    throw item.unreadable();
                }
                if (!mayChange.test(item.id())) {
                    throw new ApiException(403, "forbidden", "Agents may set only their own routing status");
                }
                RoutingStatusView view = QuarkusTransaction.requiringNew()
                        .call(() -> setRouting(item.id(), item.value(), null).value());
                results.add(BulkItem.Result.ok(item.id(), view));
            } catch (RuntimeException e) {
                results.add(BulkItem.Result.failed(item.id(), ErrorMappers.itemError(e)));
            }
        }
        return results;
    }

    /** What {@link #update} would refuse, found without writing: unknown profile, role, tags, teams, a taken email. */
    private void check(long id, ProfilePatch patch, Map<String, Long> emailsInBatch) {
        find(id);
        patch.email().applyTo(v -> {
            String email = normalizeEmail(v);
            Long other = emailsInBatch.putIfAbsent(email, id);
            boolean taken = (other != null && other != id) || profiles.find("email = ?1 and id <> ?2", email, id).count() > 0;
            if (taken) {
                throw new ApiException(409, "duplicate", "Another profile has the email " + email,
                        List.of(new mind.common.error.FieldError("email", "is already taken")), null);
            }
        });
        ProfilePatch.Settings s = patch.settings();
        if (s != null) {
            s.roleId().applyTo(v -> roleOf(v));
            s.skills().applyTo(v -> checkedTags("settings.skills", v));
            s.backlogTagRestrictions().applyTo(v -> checkedTags("settings.backlogTagRestrictions", v));
            s.teamIds().applyTo(this::checkedTeams);
        }
    }

    /** A bulk item's own checks (readable, Bean Validation as the single PATCH), reported for that item. */
    private ProfilePatch validate(BulkItem<ProfilePatch> item) {
        if (item.unreadable() != null) {
            throw item.unreadable();
        }
        Set<ConstraintViolation<ProfilePatch>> violations = validator.validate(item.value());
        if (!violations.isEmpty()) {
            List<mind.common.error.FieldError> details = violations.stream()
                    .map(v -> new mind.common.error.FieldError(ErrorMappers.itemField(v.getPropertyPath()), v.getMessage()))
                    .sorted((a, b) -> a.field().compareTo(b.field())).toList();
            String summary = details.stream().map(d -> d.field() + ": " + d.message()).collect(Collectors.joining("; "));
            throw new ApiException(400, ApiException.VALIDATION_FAILED, "Invalid profile: " + summary, details, null);
        }
        return item.value();
    }

    /** Its memberships go with it, and each team it was in gets a new version (its memberIds change). */
    @Transactional
    public void delete(long id, Integer ifMatch) {
        Profile p = find(id);
        Preconditions.check(ifMatch, p.version);
        members.setTeamsOf(id, List.of());
        profiles.delete(p);
        hookEvents.emit(EventType.ProfileDeleted, "profile-" + id + "-deleted", Map.of("profileId", id));
    }

    private Profile find(long id) {
        Profile p = profiles.findById(id);
        if (p == null) {
            throw ApiException.notFound("Profile " + id + " not found");
        }
        return p;
    }

    private List<Long> teamsOf(long id) {
        return members.teamsOf(List.of(id)).getOrDefault(id, List.of());
    }

    /** Distinct ascending tag ids, all existing (else 400 naming the field). */
    private Long[] checkedTags(String field, List<Long> ids) {
        Set<Long> wanted = new TreeSet<>(ids);
        if (!wanted.isEmpty()) {
            locks.lock(TAG_TREE_LOCK, "all");
            Set<Long> missing = new TreeSet<>(wanted);
            tags.existing(List.copyOf(wanted)).forEach(missing::remove);
            if (!missing.isEmpty()) {
                throw ApiException.invalidField(field, "no tag with id " + missing);
            }
        }
        return wanted.toArray(Long[]::new);
    }

    private List<Long> checkedTeams(List<Long> ids) {
        Set<Long> wanted = new TreeSet<>(ids);
        Set<Long> missing = new TreeSet<>(wanted);
        teams.existing(List.copyOf(wanted)).forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw ApiException.invalidField("settings.teamIds", "no team with id " + missing);
        }
        return List.copyOf(wanted);
    }

    /**
     * settings.roleId: 1-3 a base role alone, any other id a custom role (its base role becomes the profile's
     * role). A custom role is held FOR SHARE until the transaction ends, so it cannot be deleted before the
     * profile points at it; 400 naming settings.roleId when there is no such role.
     */
    private void setRoleId(Profile p, Long roleId) {
        Role custom = roleOf(roleId);
        p.customRole = custom;
        p.role = custom == null ? ProfileRole.ofId(roleId) : custom.baseRole();
    }

    /** The custom role roleId names, null for a base role; 400 naming settings.roleId for none. */
    private Role roleOf(Long roleId) {
        if (roleId == null) {
            throw ApiException.invalidField("settings.roleId", "must be a role id");
        }
        if (ProfileRole.ofId(roleId) != null) {
            return null;
        }
        return roles.assignable(roleId, "settings.roleId");
    }

    /**
     * settings.role, a base role by name: the profile has that base role alone, unless the same request's roleId
     * named a custom role with this very base role (then both agree, and the custom role stays).
     */
    private static void setRole(Profile p, ProfileRole role, boolean roleIdSent) {
        if (!(roleIdSent && p.customRole != null && p.role == role)) {
            p.customRole = null;
        }
        p.role = role;
    }

    private static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Map<String, Long> zeros(E[] values) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (E v : values) {
            m.put(v.name(), 0L);
        }
        return m;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
