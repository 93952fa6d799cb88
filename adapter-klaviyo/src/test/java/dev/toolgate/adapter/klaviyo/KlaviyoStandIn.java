package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Klaviyo's API on 127.0.0.1: serves the reference fixtures for the endpoints
 * the adapter uses, records every request, and plays scripted answers (failures, delays, dropped
 * connections) queued per route before falling back to the fixtures.
 */
final class KlaviyoStandIn implements AutoCloseable {
  static final String CAMPAIGNS_ROUTE = "GET /api/campaigns";
  static final String FLOWS_ROUTE = "GET /api/flows";
  static final String METRICS_ROUTE = "GET /api/metrics";
  static final String ACCOUNTS_ROUTE = "GET /api/accounts";
  static final String CAMPAIGN_REPORT_ROUTE = "POST /api/campaign-values-reports";
  static final String FLOW_REPORT_ROUTE = "POST /api/flow-values-reports";

  /** The cursor in the fixture's next link of page 1. */
  static final String PAGE_2_CURSOR = "bmV4dDo6aWQ6OjAxSzBNWjREMVQ4UjJRNkg5VjNCN041SzBD";

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** One request as the stand-in saw it. */
  record Recorded(String method, String path, String rawQuery, Headers headers, String body, long atNanos) {
    String route() {
      return method + " " + path;
    }

    /** The decoded value of a query parameter, or null. */
    String param(String name) {
      if (rawQuery == null) {
        return null;
      }
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (key.equals(name)) {
          return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
      return null;
    }
  }

  /** A scripted answer: status, headers, body, and how long to stall first; or a dropped connection. */
  record Answer(int status, Map<String, String> headers, String body, long delayMillis, boolean drop) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/vnd.api+json"), body, 0, false);
    }

    static Answer fixture(int status, String fixture) {
      return json(status, Fixtures.text(fixture));
    }

    static Answer html(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "text/html; charset=UTF-8"), body, 0, false);
    }

    static Answer dropConnection() {
      return new Answer(0, Map.of(), "", 0, true);
    }

    Answer withHeader(String name, String value) {
      Map<String, String> all = new HashMap<>(headers);
      all.put(name, value);
      return new Answer(status, all, body, delayMillis, drop);
    }

    Answer delayedBy(long millis) {
      return new Answer(status, headers, body, millis, drop);
    }
  }

  static {
    // Without it, Nagle's algorithm meets the client's delayed ACK: ~40 ms stall per answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Recorded> requests = new ArrayList<>();
  private final Map<String, Deque<Answer>> scripts = new HashMap<>();
  private final Map<String, Function<Recorded, Answer>> defaults = new HashMap<>();

  KlaviyoStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    defaults.put(ACCOUNTS_ROUTE, r -> Answer.fixture(200, "accounts.json"));
    defaults.put(METRICS_ROUTE, r -> Answer.fixture(200, "metrics-list.json"));
    defaults.put(CAMPAIGN_REPORT_ROUTE, r -> Answer.fixture(200, "campaign-values-report.json"));
    defaults.put(FLOW_REPORT_ROUTE, r -> Answer.fixture(200, "flow-values-report.json"));
    defaults.put(CAMPAIGNS_ROUTE, KlaviyoStandIn::campaigns);
    defaults.put(FLOWS_ROUTE, r -> Answer.json(200, Fixtures.keepIds(Fixtures.text("flows-list.json"), filterIds(r))));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next request of {@code route} (e.g. {@code POST /api/flow-values-reports}) with these, in order. */
  synchronized KlaviyoStandIn script(String route, Answer... answers) {
    scripts.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  /** Answers every request of {@code route} without a scripted answer. */
  synchronized KlaviyoStandIn otherwise(String route, Function<Recorded, Answer> answer) {
    defaults.put(route, answer);
    return this;
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Recorded> requests(String route) {
    return requests.stream().filter(r -> r.route().equals(route)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      URI uri = exchange.getRequestURI();
      Recorded recorded = new Recorded(
          exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), exchange.getRequestHeaders(), body,
          System.nanoTime());
      Answer answer;
      synchronized (this) {
        requests.add(recorded);
        Deque<Answer> queue = scripts.get(recorded.route());
        answer = queue != null && !queue.isEmpty()
            ? queue.poll()
            : defaults.getOrDefault(recorded.route(), r -> Answer.json(404, "{\"errors\":[]}")).apply(recorded);
      }
      if (answer.drop()) {
        return; // closing without a status line: the client sees the connection end
      }
      if (answer.delayMillis() > 0) {
        TimeUnit.MILLISECONDS.sleep(answer.delayMillis());
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      answer.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.getResponseHeaders().add("X-Klaviyo-API-Revision", KlaviyoConfig.REVISION);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the client timed out and closed the connection while this answer was stalled: expected
    }
  }

  /**
   * Page 1 or, for its cursor, page 2 of the fixture list, keeping the ids and channel of the filter.
   * Page 1's next link keeps the request's own query, as Klaviyo's do, with the fixture's cursor.
   */
  private static Answer campaigns(Recorded request) {
    String filter = request.param("filter");
    if (filter == null || !filter.contains("equals(messages.channel,")) {
      return Answer.fixture(400, "error-400-include-param.json");
    }
    boolean email = filter.contains("equals(messages.channel,'email')");
    List<String> ids = email ? filterIds(request) : List.of();
    if (request.param("page[cursor]") != null) {
      return Answer.json(200, Fixtures.keepIds(Fixtures.text("campaigns-list-page2.json"), ids));
    }
    ObjectNode page = (ObjectNode) Json.parse(Fixtures.keepIds(Fixtures.text("campaigns-list-page1.json"), ids));
    ((ObjectNode) page.path("links")).put("next",
        "https://a.klaviyo.com/api/campaigns?" + request.rawQuery() + "&page%5Bcursor%5D=" + PAGE_2_CURSOR);
    return Answer.json(200, Json.write(page));
  }

  /** The ids of an {@code any(id,[...])} filter, or null when the filter has none. */
  private static List<String> filterIds(Recorded request) {
    String filter = request.param("filter");
    if (filter == null) {
      return null;
    }
    int at = filter.indexOf("any(id,[");
    if (at < 0) {
      return null;
    }
    String list = filter.substring(at, filter.indexOf(']', at));
    List<String> ids = new ArrayList<>();
    Matcher m = QUOTED.matcher(list);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
