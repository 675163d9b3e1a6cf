package mind.qualitycheck.support;

import java.util.List;

import mind.qualitycheck.service.TestJobs;
import mind.qualitycheck.service.TestTicketTester;

/** Tests with the background worker off test the due jobs themselves, as one worker would. */
public final class Drain {

    private Drain() {
    }

    /** Takes and tests every due job, ten at a time; answers how many were tested. */
    public static int all(TestJobs jobs, TestTicketTester tester) {
        int tested = 0;
        for (List<TestJobs.Job> taken = jobs.take(10); !taken.isEmpty(); taken = jobs.take(10)) {
            for (TestJobs.Job job : taken) {
                tester.test(job);
                tested++;
            }
        }
        return tested;
    }
}
