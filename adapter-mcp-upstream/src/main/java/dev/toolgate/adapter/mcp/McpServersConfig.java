package dev.toolgate.adapter.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The upstream MCP servers, read from the {@code mcpServers} JSON format that Claude Desktop, Cursor
 * and the MCP backend platform's {@code servers_config.json} use ({@code command}, {@code args},
 * {@code cwd}, {@code env}, {@code enabled}), extended for remote servers ({@code url},
 * {@code headers}, {@code transport}: {@code streamable-http} or {@code sse}) and with the gateway's
 * own per-server settings ({@code prefix}, {@code timeout_seconds}, {@code max_reconnect_attempts},
 * {@code connection_timeout}, {@code initial_reconnect_delay}, {@code allow_tools},
 * {@code deny_tools}, {@code approval_tools}, {@code cache_read_only}).
 *
 * <p>A string value {@code env:NAME} is replaced by that environment variable and {@code secret:NAME}
 * by the {@link SecretResolver}'s value. Parsing reports every problem at once, each naming the
 * server and the field, in one {@link McpServersConfigException}; the values of secrets never appear
 * in messages.
 *
 * @param servers every server in file order, enabled or not
 */
public record McpServersConfig(List<McpServerConfig> servers) {
  private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> FIELDS = Set.of(
      "command", "args", "cwd", "env", "enabled", "url", "headers", "transport", "type", "prefix",
      "timeout_seconds", "max_reconnect_attempts", "connection_timeout", "initial_reconnect_delay",
      "allow_tools", "deny_tools", "approval_tools", "cache_read_only", "description");

  public McpServersConfig {
    servers = List.copyOf(servers);
  }

  /** The servers to connect to. */
  public List<McpServerConfig> enabled() {
    return servers.stream().filter(McpServerConfig::enabled).toList();
  }

  /** Reads a servers file; a missing or unreadable file is a problem like any other. */
  public static McpServersConfig load(Path file, Function<String, String> env, SecretResolver secrets) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new McpServersConfigException(
          List.of("cannot read MCP servers file " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }
    return parse(text, env, secrets);
  }

  /**
   * Parses a servers file's text.
   *
   * @param env looks up environment variables for {@code env:NAME} (e.g. {@code System::getenv})
   * @param secrets resolves {@code secret:NAME}
   * @throws McpServersConfigException listing every problem found
   */
  public static McpServersConfig parse(String json, Function<String, String> env, SecretResolver secrets) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new McpServersConfigException(
          List.of("MCP servers file is not valid JSON: " + e.getOriginalMessage()
              + " at line " + e.getLocation().getLineNr()));
    }
    List<String> problems = new ArrayList<>();
    JsonNode servers = root == null ? null : root.get("mcpServers");
    if (servers == null || !servers.isObject()) {
      throw new McpServersConfigException(
          List.of("MCP servers file needs an object \"mcpServers\" with one entry per server"));
    }
    List<McpServerConfig> result = new ArrayList<>();
    Map<String, String> prefixes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = servers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Server server = new Server(entry.getKey(), entry.getValue(), env, secrets, problems);
      McpServerConfig config = server.read();
      if (config != null) {
        result.add(config);
        if (config.enabled() && !config.prefix().isEmpty()) {
          // Two servers sharing a prefix would offer clashing names for every common tool. Servers
          // without a prefix may share the empty one; a tool name they both offer is refused at run time.
          String other = prefixes.putIfAbsent(config.prefix(), config.name());
          if (other != null) {
            problems.add("server '" + config.name() + "' field 'prefix': '" + config.prefix()
                + "' is already the prefix of server '" + other + "'");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new McpServersConfigException(problems);
    }
    return new McpServersConfig(result);
  }

  /** Reads one server entry, adding a problem for each bad field. */
  private static final class Server {
    private final String name;
    private final JsonNode node;
    private final Function<String, String> env;
    private final SecretResolver secrets;
    private final List<String> problems;
    private final int problemsBefore;

    Server(String name, JsonNode node, Function<String, String> env, SecretResolver secrets, List<String> problems) {
      this.name = name;
      this.node = node;
      this.env = env;
      this.secrets = secrets;
      this.problems = problems;
      this.problemsBefore = problems.size();
    }

    McpServerConfig read() {
      if (!SERVER_NAME.matcher(name).matches()) {
        problems.add("server '" + name + "': the name must be 1-64 letters, digits, '_' or '-'");
      }
      if (!node.isObject()) {
        problems.add("server '" + name + "': must be an object, got " + node.getNodeType());
        return null;
      }
      node.fieldNames().forEachRemaining(field -> {
        if (!FIELDS.contains(field)) {
          problems.add("server '" + name + "' field '" + field + "': unknown field (known: "
              + FIELDS.stream().sorted().toList() + ")");
        }
      });
      boolean enabled = bool("enabled", true);
      String command = string("command");
      String url = string("url");
      McpServerConfig.Transport transport = transport(command, url);
      List<String> args = strings("args");
      String cwd = string("cwd");
      Map<String, String> environment = map("env");
      Map<String, String> headers = map("headers");
      String prefix = node.has("prefix") ? rawString("prefix") : name;
      if (prefix != null && !prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
        problems.add("server '" + name + "' field 'prefix': '" + prefix
            + "' must be empty or 1-64 letters, digits, '_', '-' or '.'");
      }
      Duration timeout = seconds("timeout_seconds", 60);
      Duration connectionTimeout = seconds("connection_timeout", 30);
      Duration reconnectDelay = seconds("initial_reconnect_delay", 1);
      int attempts = integer("max_reconnect_attempts", -1);
      List<String> allow = patterns("allow_tools");
      List<String> deny = patterns("deny_tools");
      List<String> approval = node.has("approval_tools") ? patterns("approval_tools") : null;
      boolean cache = bool("cache_read_only", false);
      if (transport == McpServerConfig.Transport.STDIO && !headers.isEmpty()) {
        problems.add("server '" + name + "' field 'headers': only remote servers (url) take headers");
      }
      if (transport != null && transport != McpServerConfig.Transport.STDIO
          && (!args.isEmpty() || cwd != null || !environment.isEmpty())) {
        problems.add("server '" + name + "': 'args', 'cwd' and 'env' are for stdio servers (command), not for url");
      }
      if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
        problems.add("server '" + name + "' field 'url': must start with http:// or https://");
      }
      if (problems.size() > problemsBefore || transport == null) {
        return null;
      }
      return new McpServerConfig(name, enabled, transport, command, args, cwd, environment, url, headers,
          prefix == null ? name : prefix, timeout, attempts, connectionTimeout, reconnectDelay, allow, deny,
          approval, cache);
    }

    private McpServerConfig.Transport transport(String command, String url) {
      String declared = node.has("transport") ? rawString("transport") : node.has("type") ? rawString("type") : null;
      if (command != null && url != null) {
        problems.add("server '" + name + "': give either 'command' (stdio) or 'url' (remote), not both");
        return null;
      }
      if (command == null && url == null) {
        problems.add("server '" + name + "': needs 'command' (a stdio server) or 'url' (a remote server)");
        return null;
      }
      if (command != null) {
        if (declared != null && !declared.equals("stdio")) {
          problems.add("server '" + name + "' field 'transport': '" + declared + "' needs a 'url', not a 'command'");
        }
        return McpServerConfig.Transport.STDIO;
      }
      if (declared == null || declared.equals("streamable-http") || declared.equals("http")) {
        return McpServerConfig.Transport.STREAMABLE_HTTP;
      }
      if (declared.equals("sse")) {
        return McpServerConfig.Transport.SSE;
      }
      problems.add("server '" + name + "' field 'transport': '" + declared
          + "' is not one of streamable-http, sse (or stdio with a command)");
      return null;
    }

    /** A string field with env:/secret: references resolved, or null when absent. */
    private String string(String field) {
      String raw = rawString(field);
      return raw == null ? null : resolve(field, raw);
    }

    private String rawString(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        problems.add("server '" + name + "' field '" + field + "': must be a string, got " + value.getNodeType());
        return null;
      }
      return value.textValue();
    }

    private String resolve(String field, String raw) {
      if (raw.startsWith("env:")) {
        String variable = raw.substring(4);
        String value = env.apply(variable);
        if (value == null) {
          problems.add("server '" + name + "' field '" + field + "': environment variable " + variable + " is not set");
          return "";
        }
        return value;
      }
      if (raw.startsWith("secret:")) {
        String secret = raw.substring(7);
        var value = secrets.resolve(secret);
        if (value.isEmpty()) {
          problems.add("server '" + name + "' field '" + field + "': secret '" + secret + "' is not stored");
          return "";
        }
        return value.get();
      }
      return raw;
    }

    private boolean bool(String field, boolean fallback) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return fallback;
      }
      if (!value.isBoolean()) {
        problems.add("server '" + name + "' field '" + field + "': must be true or false, got " + value);
        return fallback;
      }
      return value.booleanValue();
    }

    private int integer(String field, int fallback) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return fallback;
      }
      if (!value.canConvertToExactIntegral() || value.asInt() < 0) {
        problems.add("server '" + name + "' field '" + field + "': must be a whole number >= 0, got " + value);
        return fallback;
      }
      return value.asInt();
    }

    private Duration seconds(String field, double fallback) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Duration.ofMillis((long) (fallback * 1000));
      }
      if (!value.isNumber() || value.asDouble() <= 0) {
        problems.add("server '" + name + "' field '" + field + "': must be a number of seconds > 0, got " + value);
        return Duration.ofMillis((long) (fallback * 1000));
      }
      return Duration.ofMillis(Math.max(1, (long) (value.asDouble() * 1000)));
    }

    private List<String> strings(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        problems.add("server '" + name + "' field '" + field + "': must be an array of strings, got " + value.getNodeType());
        return List.of();
      }
      List<String> result = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (!item.isTextual()) {
          problems.add("server '" + name + "' field '" + field + "[" + i + "]': must be a string, got " + item.getNodeType());
        } else {
          result.add(resolve(field + "[" + i + "]", item.textValue()));
        }
      }
      return result;
    }

    private List<String> patterns(String field) {
      List<String> patterns = strings(field);
      for (String pattern : patterns) {
        if (pattern.isBlank()) {
          problems.add("server '" + name + "' field '" + field + "': a pattern must not be blank");
        }
      }
      return patterns;
    }

    private Map<String, String> map(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Map.of();
      }
      if (!value.isObject()) {
        problems.add("server '" + name + "' field '" + field + "': must be an object of strings, got " + value.getNodeType());
        return Map.of();
      }
      Map<String, String> result = new LinkedHashMap<>();
      value.fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual()) {
          problems.add("server '" + name + "' field '" + field + "." + e.getKey() + "': must be a string, got "
              + e.getValue().getNodeType());
        } else {
          result.put(e.getKey(), resolve(field + "." + e.getKey(), e.getValue().textValue()));
        }
      });
      return result;
    }
  }
}
