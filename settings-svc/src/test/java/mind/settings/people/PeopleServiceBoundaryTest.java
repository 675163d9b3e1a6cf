package mind.settings.people;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;
import mind.settings.service.LocalProfileDirectory;
import mind.settings.service.ProfileService;
import mind.settings.service.TagService;
import mind.settings.service.TeamService;

/** Tags, profiles and teams leave their services as views (or ids), never as entities. */
class PeopleServiceBoundaryTest {

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(TagService.class, ProfileService.class, TeamService.class,
                LocalProfileDirectory.class);
    }
}
