package mind.settings.service;

import java.util.HashSet;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.auth.ActingProfile;
import mind.common.auth.ProfileDirectory;
import mind.settings.api.ProfileView;

/**
 * X-Enneo-On-Behalf-Of inside settings-svc: profiles are read from this service's own database, not over
 * HTTP. Replaces common's default (a REST client to this very service). No cache: one primary-key read. The
 * acting profile has its base role and the permissions {@link ProfileView} answers: its custom role's, if it has one.
 */
@ApplicationScoped
public class LocalProfileDirectory implements ProfileDirectory {

    private final ProfileService profiles;

    public LocalProfileDirectory(ProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public Optional<ActingProfile> find(long profileId, String callerToken) {
        return profiles.find(profileId, false)
                .map(p -> new ActingProfile(p.id(), p.role().name(), new HashSet<>(p.permissions())));
    }
}
