package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code toolgate keys}: issue, list and revoke API keys (admin only). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys (admin only). Secrets are stored hashed and shown once.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code keys create}: prints the secret once. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Issue a key. Its secret is printed once and cannot be shown again.")
  static final class Create implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--name", paramLabel = "N", required = true, description = "A label, e.g. support-bot.")
    private String name;

    @Option(
        names = "--role",
        paramLabel = "R",
        required = true,
        converter = RoleConverter.class,
        description = "agent, operator, approver or admin; repeat for several roles.")
    private List<Role> roles = new ArrayList<>();

    @Option(names = "--client", paramLabel = "C", description = "Scope the key to this client (tenant).")
    private String client;

    @Option(names = "--allow-tool", paramLabel = "T", description = "Only these tools; repeat for several.")
    private List<String> allowTools = new ArrayList<>();

    @Option(names = "--deny-tool", paramLabel = "T", description = "Never these tools (deny wins); repeat for several.")
    private List<String> denyTools = new ArrayList<>();

    @Option(
        names = "--rate-limit",
        paramLabel = "LIMIT",
        converter = RateLimitConverter.class,
        description = "This key's own limit, e.g. 60/minute, 5/second or 1000/hour (default: the configured one).")
    private RateLimitSpec rateLimit;

    @Override
    public Integer call() {
      NewKey newKey =
          new NewKey(
              name,
              new LinkedHashSet<>(roles),
              client,
              new LinkedHashSet<>(allowTools),
              new LinkedHashSet<>(denyTools),
              rateLimit);
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        IssuedKey issued = session.toolgate().keys().create(session.principal(), newKey, session.requestId());
        Printer printer = session.printer();
        if (printer.table()) {
          printer.table(table(List.of(issued.key())));
          printer.line("secret: " + issued.secret());
        } else {
          ObjectNode document = Json.object();
          document.set("key", JsonViews.key(issued.key()));
          document.put("secret", issued.secret());
          document.put("request_id", session.requestId());
          printer.json(document);
        }
        printer.note("toolgate: save the secret of key " + issued.key().id() + " now: it will not be shown again");
        return ExitCodes.OK;
      }
    }
  }

  /** {@code keys list}: every key, active and revoked, without secrets. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every key (never the secrets).")
  static final class ListKeys implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        List<ApiKey> keys = session.toolgate().keys().list(session.principal());
        Printer printer = session.printer();
        if (printer.table()) {
          printer.table(table(keys));
        } else {
          ObjectNode document = Json.object();
          ArrayNode array = document.putArray("keys");
          keys.forEach(k -> array.add(JsonViews.key(k)));
          document.put("total", keys.size());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code keys revoke ID}: a running server over the same store refuses the key within its key cache TTL. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revoke a key; a server running on the same data stops accepting it within TOOLGATE_KEY_CACHE_SECONDS (default 5).")
  static final class Revoke implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The key id (not the secret).")
    private String id;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        boolean wasActive = session.toolgate().keys().revoke(session.principal(), id, session.requestId());
        Printer printer = session.printer();
        if (printer.table()) {
          printer.line(wasActive ? "revoked key " + id : "key " + id + " was already revoked");
        } else {
          ObjectNode document = Json.object();
          document.put("id", id);
          document.put("revoked", true);
          document.put("was_active", wasActive);
          document.put("request_id", session.requestId());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }
  }

  private static Table table(List<ApiKey> keys) {
    Table table = Table.of("ID", "NAME", "ROLES", "CLIENT", "ACTIVE", "RATE LIMIT", "CREATED");
    for (ApiKey k : keys) {
      table.row(
          k.id(),
          k.name(),
          k.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(",")),
          k.clientKey(),
          k.active() ? "yes" : "revoked",
          k.rateLimit(),
          k.createdAt());
    }
    return table;
  }

  /** Reads a role by its wire name; a bad name is a usage error that lists the valid ones. */
  static final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      try {
        return Role.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads {@code 60/minute}; a bad limit is a usage error that says what a limit looks like. */
  static final class RateLimitConverter implements ITypeConverter<RateLimitSpec> {
    @Override
    public RateLimitSpec convert(String value) {
      try {
        return RateLimitSpec.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
