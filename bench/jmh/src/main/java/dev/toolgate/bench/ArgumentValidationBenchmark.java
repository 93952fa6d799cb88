package dev.toolgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.internal.ArgumentValidator;
import dev.toolgate.core.internal.Ids;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.core.support.SupportToolset;
import dev.toolgate.ports.Json;
import java.time.Clock;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JSON-Schema (2020-12) validation of a call's arguments against the tool's compiled input schema. */
@State(Scope.Benchmark)
public class ArgumentValidationBenchmark {
  private BenchGateway gateway;
  private ArgumentValidator validator;
  private JsonNode validTicket;
  private JsonNode invalidTicket;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    ToolRegistry registry =
        ToolRegistry.of(
            List.of(new SupportToolset(gateway.stores.supportDesk())), gateway.stores.audit(), Clock.systemUTC(), new Ids());
    validator = new ArgumentValidator(registry);
    validTicket = Json.parse("{\"customer_id\":\"cus_001\",\"subject\":\"bench\"}");
    invalidTicket = Json.parse("{\"customer_id\":42,\"subjekt\":\"bench\"}");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public List<FieldError> valid() {
    return validator.validate("create_ticket", validTicket);
  }

  @Benchmark
  public List<FieldError> invalid() {
    return validator.validate("create_ticket", invalidTicket);
  }
}
