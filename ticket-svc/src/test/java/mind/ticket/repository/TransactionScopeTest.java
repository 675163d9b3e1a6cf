package mind.ticket.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

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
 * A JTA transaction stays on the thread that began it: a Mutiny pipeline built inside one does not carry it to the
 * thread it runs on ({@code mp.context.ThreadContext.unchanged=Transaction} in common). Every transaction here
 * begins and ends inside one blocking method; capturing it at every stage of every request's pipelines was work for
 * nothing (bench/RESULTS.md). Quarkus's default would propagate it, and this test would see it active on the worker.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TransactionScopeTest {

    @Inject
    TransactionManager transactions;

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
