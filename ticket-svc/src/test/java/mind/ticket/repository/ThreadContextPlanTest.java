package mind.ticket.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import mind.common.testing.MindTestResource;

/**
 * Mutiny's stages carry no thread context ({@code mp.context.ThreadContext.unchanged} in common): every stage of every
 * request's pipelines would otherwise capture the thread's contexts and restore them, about a tenth of a GET's CPU
 * (bench/RESULTS.md). The CDI request context and OpenTelemetry's context live on the request's Vert.x context
 * instead, and a JTA transaction begins and ends inside one blocking method. Quarkus's default would propagate CDI,
 * OpenTelemetry and the transaction, and both tests would fail; so would the first when an extension brings a
 * context type the list does not name.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ThreadContextPlanTest {

    @Inject
    TransactionManager transactions;

    @Test
    void mutinyWrapsNoStage() {
        Function<String, String> stage = String::trim;
        Supplier<String> source = () -> "x";
        assertSame(stage, Infrastructure.decorate(stage), "a stage is used as it is, not wrapped to carry contexts");
        assertSame(source, Infrastructure.decorate(source));
    }

    @Test
    void aPipelineBuiltInsideATransactionDoesNotTakeItToAnotherThread() {
        int[] inside = new int[1];
        int onTheWorker = QuarkusTransaction.requiringNew().call(() -> {
            inside[0] = transactions.getStatus();
            return Uni.createFrom().item(this::status)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .await().atMost(Duration.ofSeconds(10));
        });
        assertEquals(Status.STATUS_ACTIVE, inside[0], "the transaction was active where it began");
        assertEquals(Status.STATUS_NO_TRANSACTION, onTheWorker, "and absent on the thread the pipeline ran on");
    }

    private int status() {
        try {
            return transactions.getStatus();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
