package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.support.Ticket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateway instances, each a core {@link Toolgate} over its own {@link FirestoreStores} (its own
 * client and connections), sharing one database as two processes behind a load balancer would.
 */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreGatewayRaceIntegrationTest {
  private static final Principal AGENT =
      new Principal("key_agent", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);

  private final List<FirestoreStores> stores = new ArrayList<>();
  private final List<Toolgate> gateways = new ArrayList<>();
  private ExecutorService pool;

  @BeforeEach
  void startTwoInstances() {
    StoresOnEmulator emulator = new StoresOnEmulator(Clock.systemUTC());
    for (int instance = 0; instance < 2; instance++) {
      FirestoreStores opened = FirestoreStores.open(emulator.config());
      stores.add(opened);
      gateways.add(
          Toolgate.builder().stores(opened).supportDesk(opened.supportDesk()).build());
    }
    pool = Executors.newFixedThreadPool(24);
  }

  @AfterEach
  void stopInstances() {
    pool.shutdownNow();
    gateways.forEach(Toolgate::close);
    stores.forEach(FirestoreStores::close);
  }

  @Test
  void concurrentCallsWithTheSameIdempotencyKeysCreateEachTicketOnce() throws Exception {
    int keys = 4;
    int callersPerKey = 6;
    List<Callable<ToolOutcome>> calls = new ArrayList<>();
    for (int caller = 0; caller < keys * callersPerKey; caller++) {
      Toolgate gateway = gateways.get(caller % 2);
      String key = "race-" + (caller % keys);
      calls.add(
          () ->
              gateway.calls()
                  .call(
                      new CallToolCommand(
                          AGENT, "create_ticket",
                          Json.parse("{\"customer_id\":\"cus_002\",\"subject\":\"Order " + key + " stuck\",\"priority\":\"high\"}"),
                          key, "req-" + System.nanoTime())));
    }

    List<ToolOutcome> outcomes = runTogether(calls);

    List<Ticket> tickets = stores.get(0).supportDesk().listTickets("cus_002", 1000);
    assertThat(tickets).hasSize(keys);
    for (int k = 0; k < keys; k++) {
      String key = "race-" + k;
      List<ToolOutcome.Succeeded> succeeded = new ArrayList<>();
      for (int caller = k; caller < outcomes.size(); caller += keys) {
        ToolOutcome outcome = outcomes.get(caller);
        assertThat(outcome.code()).as("outcome of a caller with key %s", key).isIn("ok", "idempotency_in_progress");
        if (outcome instanceof ToolOutcome.Succeeded ok) {
          succeeded.add(ok);
        }
      }
      assertThat(succeeded).as("successes for %s", key).isNotEmpty();
      assertThat(succeeded).filteredOn(ok -> !ok.idempotentReplay()).as("executions for %s", key).hasSize(1);
      Set<String> ticketIds = new HashSet<>();
      succeeded.forEach(ok -> ticketIds.add(ok.result().structured().path("ticket").path("id").asText()));
      assertThat(ticketIds).as("tickets returned for %s", key).hasSize(1);
      assertThat(tickets).extracting(Ticket::id).contains(ticketIds.iterator().next());
    }
    assertChainVerifies();
  }

  @Test
  void concurrentApproveAndRejectOfOneApprovalDecideItOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      Customer customer = DemoSupportData.customers().get(round + 2);
      String customerId = customer.id();
      ToolOutcome requested =
          gateways.get(round % 2).calls()
              .call(
                  new CallToolCommand(
                      AGENT, "update_customer_status",
                      Json.parse("{\"customer_id\":\"" + customerId + "\",\"status\":\"suspended\",\"reason\":\"race\"}"),
                      null, "req-request-" + round));
      assertThat(requested).isInstanceOf(ToolOutcome.ApprovalRequired.class);
      String approvalId = ((ToolOutcome.ApprovalRequired) requested).approvalId();

      List<Callable<DecisionOutcome>> decisions = new ArrayList<>();
      for (int approver = 0; approver < 10; approver++) {
        Principal principal =
            new Principal("key_approver_" + approver, "approver " + approver, Set.of(Role.APPROVER), null, Set.of(),
                Set.of(), null);
        Decision decision = approver % 2 == 0 ? Decision.APPROVE : Decision.REJECT;
        Toolgate gateway = gateways.get(approver % 2);
        decisions.add(
            () -> gateway.approvals().decide(new DecideCommand(principal, approvalId, decision, "round", "req-decide")));
      }

      List<DecisionOutcome> outcomes = runTogether(decisions);

      List<DecisionOutcome> decisive =
          outcomes.stream()
              .filter(o -> o instanceof DecisionOutcome.Approved || o instanceof DecisionOutcome.Rejected)
              .toList();
      assertThat(decisive).as("decisive outcomes in round %d", round).hasSize(1);
      assertThat(outcomes).filteredOn(o -> !decisive.contains(o))
          .allSatisfy(o -> assertThat(o).isInstanceOf(DecisionOutcome.AlreadyDecided.class));
      boolean approved = decisive.get(0) instanceof DecisionOutcome.Approved;
      assertThat(stores.get(1).approvals().find(approvalId).orElseThrow().status())
          .isEqualTo(approved ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED);
      assertThat(stores.get(1).supportDesk().findCustomer(customerId).orElseThrow().status())
          .isEqualTo(approved ? CustomerStatus.SUSPENDED : customer.status());
      List<String> decisionsAudited =
          stores.get(0).audit().read(AuditQuery.page(null, AuditQuery.MAX_LIMIT)).stream()
              .map(AuditRecord::entry)
              .filter(e -> approvalId.equals(e.details().path("approval_id").asText()))
              .map(e -> e.outcome() + "/" + e.details().path("execution").asText())
              .filter(word -> word.startsWith("approved") || word.startsWith("rejected"))
              .toList();
      assertThat(decisionsAudited).containsExactly(approved ? "approved/executed" : "rejected/");
    }
    assertChainVerifies();
  }

  /** Each instance appended to a chain of its own; each must be gapless and valid, read from either side. */
  private void assertChainVerifies() {
    List<String> chains = stores.get(1).audit().chains();
    assertThat(chains).isNotEmpty().isEqualTo(stores.get(0).audit().chains());
    for (String chain : chains) {
      List<AuditRecord> records = stores.get(1).audit().read(AuditQuery.chainPage(chain, null, AuditQuery.MAX_LIMIT));
      String previous = AuditRecord.GENESIS;
      for (int i = 0; i < records.size(); i++) {
        AuditRecord record = records.get(i);
        assertThat(record.seq()).isEqualTo(i + 1L);
        assertThat(record.prevHash()).isEqualTo(previous);
        assertThat(record.hashValid()).isTrue();
        previous = record.hash();
      }
    }
  }

  private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                go.await(10, TimeUnit.SECONDS);
                return task.call();
              }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }
}
