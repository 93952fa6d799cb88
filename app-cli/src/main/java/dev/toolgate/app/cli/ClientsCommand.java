package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.ChatViews;
import dev.toolgate.core.clients.ClientView;
import dev.toolgate.core.clients.ModelKeys;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.core.marketing.ProfileMarketingSources;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code toolgate clients}: list client profiles and add one with its (encrypted) Klaviyo key. */
@Command(
    name = "clients",
    mixinStandardHelpOptions = true,
    description = "List clients (tenants) and add or update one. Secrets are stored encrypted and never shown.",
    subcommands = {ClientsCommand.ListClients.class, ClientsCommand.Add.class})
final class ClientsCommand implements Runnable {
  /** A Klaviyo private key is short; anything much longer is the wrong file. */
  private static final int MAX_KEY_BYTES = 4096;

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code clients list}: every client visible to the caller, with the names of its secrets. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List clients (never their secrets).")
  static final class ListClients implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        List<ClientView> clients = session.toolgate().clients().list(session.principal());
        print(session.printer(), clients, null);
        return ExitCodes.OK;
      }
    }
  }

  /** {@code clients add KEY}: creates or replaces a client, optionally storing its Klaviyo key. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Create a client or change what is given (admin only); options left out keep their values. With a Klaviyo key (from a file or standard input,"
            + " never a flag, so it stays out of shell history) the client reads its Klaviyo account;"
            + " the key is encrypted with the master key before it is stored.",
        // Each example line fits the 80-column help; '%%' is how a '%' is written in picocli text.
        "Examples:",
        "  toolgate clients add acme --name \"Acme Apparel\" \\",
        "      --time-zone Europe/Berlin \\",
        "      --klaviyo-key-file ~/.config/toolgate/klaviyo.key",
        "  printf %%s \"$KLAVIYO_KEY\" | \\",
        "      toolgate clients add acme --name Acme --klaviyo-key-stdin",
        "  printf %%s \"$ACME_OPENAI_KEY\" | \\",
        "      toolgate clients add acme --model-key openai"
      })
  static final class Add implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "The client key: lower-case letters, digits, '-' or '_', e.g. acme.")
    private String clientKey;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (required for a new client; kept if omitted).")
    private String name;

    @Option(
        names = "--time-zone",
        paramLabel = "ZONE",
        converter = ZoneConverter.class,
        description = "The client's time zone for dates such as \"last week\", e.g. Europe/Berlin (a new client: UTC; kept if omitted).")
    private ZoneId timeZone;

    @Option(
        names = "--marketing-backend",
        paramLabel = "B",
        converter = BackendConverter.class,
        description = "none, sample or klaviyo (default: klaviyo with a Klaviyo key, else the client's current one, else none).")
    private MarketingBackend backend;

    @Option(
        names = "--default-model",
        paramLabel = "MODEL",
        description = "The model the client's chat uses when a message names none: provider/model or a name"
            + " from 'toolgate models' (\"\" for the gateway's default again; kept if omitted).")
    private String defaultModel;

    @Option(
        names = "--model-key",
        paramLabel = "PROVIDER",
        description = "Read the client's own API key for the configured model PROVIDER (e.g. openai) from standard input;"
            + " the client's chats with that provider then use it instead of the server's.")
    private String modelKeyProvider;

    @ArgGroup(exclusive = true)
    private KeySource keySource;

    static final class KeySource {
      @Option(names = "--klaviyo-key-file", paramLabel = "FILE", description = "Read the Klaviyo private API key from FILE.")
      Path file;

      @Option(names = "--klaviyo-key-stdin", description = "Read the Klaviyo private API key from standard input.")
      boolean stdin;
    }

    @Override
    public Integer call() {
      ToolgateCommand top = ToolgateCommand.of(spec);
      if (modelKeyProvider != null && keySource != null && keySource.stdin) {
        throw new CliException(ExitCodes.USAGE,
            "--model-key and --klaviyo-key-stdin both read standard input: give the Klaviyo key with --klaviyo-key-file");
      }
      Optional<String> apiKey = readKey(top);
      Map<String, String> secrets = new HashMap<>();
      apiKey.ifPresent(key -> secrets.put(ProfileMarketingSources.apiKeySecret(MarketingBackend.KLAVIYO), key));
      if (modelKeyProvider != null) {
        secrets.put(ModelKeys.secretName(modelKeyProvider), readStdin(top, "the " + modelKeyProvider + " key"));
      }
      try (Session session = top.openSession()) {
        ClientView view =
            session.toolgate().clients().save(
                new SaveClientCommand(
                    session.principal(),
                    clientKey,
                    name,
                    timeZone,
                    backend,
                    defaultModel == null ? null : Optional.of(defaultModel).filter(model -> !model.isBlank()),
                    null,
                    null,
                    null,
                    secrets,
                    session.requestId()));
        print(session.printer(), List.of(view), session.requestId());
        if (apiKey.isPresent()) {
          session.printer().note("toolgate: stored the Klaviyo key of client " + clientKey + " encrypted");
        }
        if (modelKeyProvider != null) {
          session.printer().note("toolgate: stored the " + modelKeyProvider + " key of client " + clientKey + " encrypted");
        }
        return ExitCodes.OK;
      }
    }

    /** A key from standard input, whitespace around it dropped; {@code what} names it in errors. */
    private static String readStdin(ToolgateCommand top, String what) {
      byte[] bytes;
      try {
        bytes = readLimited(top.stdin(), what);
      } catch (IOException e) {
        throw new CliException(ExitCodes.FAILED, "cannot read " + what + ": " + e.getMessage());
      }
      String key = new String(bytes, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new CliException(ExitCodes.INVALID_INPUT, "no " + what.replaceFirst("^the ", "") + " on standard input");
      }
      return key;
    }

    private Optional<String> readKey(ToolgateCommand top) {
      if (keySource == null) {
        return Optional.empty();
      }
      byte[] bytes;
      String from;
      try {
        if (keySource.stdin) {
          from = "standard input";
          bytes = readLimited(top.stdin(), "the Klaviyo key");
        } else {
          Path file = top.resolve(keySource.file);
          from = "file " + file;
          if (Files.size(file) > MAX_KEY_BYTES) {
            throw new CliException(ExitCodes.INVALID_INPUT, "the Klaviyo key " + from + " is larger than " + MAX_KEY_BYTES + " bytes");
          }
          bytes = Files.readAllBytes(file);
        }
      } catch (IOException e) {
        throw new CliException(ExitCodes.FAILED, "cannot read the Klaviyo key: " + e.getMessage());
      }
      // A trailing newline from echo or an editor is not part of the key.
      String key = new String(bytes, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new CliException(ExitCodes.INVALID_INPUT, "no Klaviyo key in " + from);
      }
      return Optional.of(key);
    }

    private static byte[] readLimited(InputStream in, String what) throws IOException {
      byte[] bytes = in.readNBytes(MAX_KEY_BYTES + 1);
      if (bytes.length > MAX_KEY_BYTES) {
        throw new CliException(ExitCodes.INVALID_INPUT, what + " on standard input is larger than " + MAX_KEY_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private static void print(Printer printer, List<ClientView> clients, String requestId) {
    if (printer.table()) {
      Table table = Table.of("CLIENT", "NAME", "TIME ZONE", "MARKETING", "MODEL", "SECRETS");
      for (ClientView view : clients) {
        ClientProfile p = view.profile();
        table.row(p.clientKey(), p.displayName(), p.timeZone().getId(), p.marketingBackend().wireName(),
            p.defaultModel() == null ? "" : p.defaultModel(), String.join(",", view.secretNames()));
      }
      printer.table(table);
      return;
    }
    ObjectNode document = Json.object();
    ArrayNode array = document.putArray("clients");
    clients.forEach(view -> array.add(ChatViews.client(view)));
    document.put("total", clients.size());
    if (requestId != null) {
      document.put("request_id", requestId);
    }
    printer.json(document);
  }

  /** Reads a time zone id; a bad one is a usage error with examples. */
  static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new TypeConversionException("'" + value + "' is not a time zone such as Europe/Berlin, America/New_York or UTC");
      }
    }
  }

  /** Reads a marketing backend by its wire name. */
  static final class BackendConverter implements ITypeConverter<MarketingBackend> {
    @Override
    public MarketingBackend convert(String value) {
      try {
        return MarketingBackend.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
