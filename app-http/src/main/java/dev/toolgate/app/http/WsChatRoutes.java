package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.auth.PresentedKeys;
import dev.toolgate.core.call.RequestIds;
import dev.toolgate.core.chat.ChatCommand;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.ChatEvents;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code /ws/chat}, seed 002's WebSocket chat (see {@link StreamMessages} for the messages), and
 * {@code POST /ws/tickets}, which gives a browser a single-use ticket to open it with. Turns run off
 * the socket's thread, several at once per socket (at most {@link #MAX_IN_FLIGHT_PER_SOCKET}); a
 * repeated {@code request_id} is answered from {@link ChatReplays} (in the store, so across restarts
 * and instances), never run again.
 * {@link #stop(Duration)} lets running turns finish, then closes every socket with 1001 (going away).
 */
final class WsChatRoutes {
  static final String PATH = "/ws/chat";
  static final String TICKETS_PATH = "/ws/tickets";
  static final int MAX_IN_FLIGHT_PER_SOCKET = 4;

  /** Turns running at once over all sockets, and how many more may wait for a thread. */
  private static final int TURN_THREADS = 16;
  private static final int TURN_QUEUE = 64;

  /** Query parameters that would carry a long-lived key in the URL, where logs and histories keep it. */
  private static final Set<String> KEY_PARAMETERS =
      Set.of("key", "api_key", "apikey", "api-key", "x-api-key", "token", "access_token", "authorization", "bearer");

  private static final String ATTR_PRINCIPAL = "toolgate.ws.principal";
  private static final Logger LOG = LoggerFactory.getLogger(WsChatRoutes.class);

  /** One open socket: who it speaks for and how many of its turns are running. */
  private record Socket(WsContext ctx, Principal principal, AtomicInteger running) {}

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final WsTickets tickets;
  private final ChatReplays replays;
  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ThreadPoolExecutor turns;

  WsChatRoutes(Toolgate toolgate, Authenticator auth, WsTickets tickets, ChatReplays replays) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.tickets = tickets;
    this.replays = replays;
    AtomicInteger threads = new AtomicInteger();
    this.turns =
        new ThreadPoolExecutor(
            TURN_THREADS, TURN_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(TURN_QUEUE),
            runnable -> {
              Thread thread = new Thread(runnable, "toolgate-ws-turn-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.turns.allowCoreThreadTimeOut(true);
  }

  void register(RoutesConfig routes) {
    routes.post(TICKETS_PATH, this::issueTicket);
    routes.wsBeforeUpgrade(PATH, this::authenticateUpgrade);
    routes.ws(
        PATH,
        ws -> {
          ws.onConnect(ctx -> {
            sockets.put(ctx.sessionId(), new Socket(ctx, ctx.attribute(ATTR_PRINCIPAL), new AtomicInteger()));
            // Pongs count as traffic, so a quiet socket waiting on a long turn is not closed as idle.
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
          });
          ws.onMessage(this::onMessage);
          ws.onBinaryMessage(ctx -> send(ctx, StreamMessages.error(
              null, 400, "unsupported_frame", "binary frames are not part of the protocol; send JSON as text")));
          ws.onClose(ctx -> sockets.remove(ctx.sessionId()));
          ws.onError(ctx -> LOG.debug("WebSocket {} failed", ctx.sessionId(), ctx.error()));
        });
  }

  /** {@code POST /ws/tickets}: 201 {@code {"ticket","expires_at"}} for the authenticated caller. */
  private void issueTicket(Context ctx) {
    WsTickets.Issued issued = tickets.issue(auth.require(ctx));
    ObjectNode body = Json.object();
    body.put("ticket", issued.ticket());
    body.put("expires_at", issued.expiresAt().toString());
    ctx.header("Cache-Control", "no-store");
    Replies.send(ctx, 201, body);
  }

  /**
   * Who opens the socket: an API key in a header (scripts), else a ticket from {@code ?ticket=}
   * (browsers). A key in the URL is refused outright, even a valid one.
   */
  private void authenticateUpgrade(Context ctx) {
    String ticket = Requests.param(ctx, "ticket");
    boolean keyInUrl =
        ctx.queryParamMap().keySet().stream().anyMatch(name -> KEY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)))
            || ticket != null && ticket.startsWith("tg_");
    if (keyInUrl) {
      throw new ApiException(
          400, "key_in_url",
          "API keys are not accepted in the URL, where logs and browser histories keep them; send the key in the"
              + " Authorization or X-API-Key header, or get a single-use ticket from POST " + TICKETS_PATH
              + " and connect with ?ticket=… (rotate a key that was sent in a URL)");
    }
    Principal principal;
    if (ticket == null || PresentedKeys.from(ctx::header) != null) {
      principal = auth.require(ctx);
    } else {
      principal =
          tickets.redeem(ticket)
              .orElseThrow(() -> new ApiException(
                  401, "invalid_ticket",
                  "the ticket is unknown, expired or already used; get a new one from POST " + TICKETS_PATH
                      + " (tickets last " + WsTickets.TTL.toSeconds() + " s and open one socket)"));
    }
    ctx.attribute(ATTR_PRINCIPAL, principal);
  }

  private void onMessage(WsMessageContext ctx) {
    Socket socket = sockets.get(ctx.sessionId());
    if (socket == null) {
      return; // closed meanwhile
    }
    WsChatRequest request;
    try {
      request = WsChatRequest.parse(ctx.message(), socket.principal().clientKey());
    } catch (WsChatRequest.Refused refused) {
      send(ctx, refused.message());
      return;
    }
    String requestId = request.requestId();
    if (stopping.get()) {
      send(ctx, StreamMessages.error(requestId, 503, "shutting_down", "the server is shutting down; reconnect and send again"));
      return;
    }
    if (socket.running().incrementAndGet() > MAX_IN_FLIGHT_PER_SOCKET) {
      socket.running().decrementAndGet();
      send(ctx, StreamMessages.error(
          requestId, 429, "too_many_in_flight",
          "this socket already has " + MAX_IN_FLIGHT_PER_SOCKET + " requests in flight; wait for one to complete"));
      return;
    }
    String keyId = socket.principal().keyId();
    ChatReplays.Claim claim;
    try {
      claim = replays.claim(keyId, requestId);
    } catch (RuntimeException e) {
      socket.running().decrementAndGet();
      send(ctx, ChatStream.failure(requestId, e));
      return;
    }
    if (claim instanceof ChatReplays.Done done) {
      socket.running().decrementAndGet();
      send(ctx, done.message().put("replayed", true));
      return;
    }
    if (claim instanceof ChatReplays.InFlight) {
      socket.running().decrementAndGet();
      send(ctx, StreamMessages.error(
          requestId, 409, "request_in_progress",
          "request '" + requestId + "' is still being processed; its result goes to the socket that sent it first,"
              + " and a later repeat gets it again"));
      return;
    }
    try {
      turns.execute(() -> runTurn(socket, request));
    } catch (RejectedExecutionException e) {
      socket.running().decrementAndGet();
      ObjectNode busy = StreamMessages.error(requestId, 503, "busy", "the server is busy with other turns; retry shortly");
      finish(keyId, requestId, busy);
      send(ctx, busy);
    }
  }

  private void runTurn(Socket socket, WsChatRequest request) {
    // The turn gets an id of its own: request ids are the client's, unique only per key. It names the
    // turn in logs and audit and grants nothing, so it needs no SecureRandom (RequestIds).
    String turnRequestId = RequestIds.next();
    MDC.put(RequestLifecycle.MDC_REQUEST_ID, turnRequestId);
    MDC.put(RequestLifecycle.MDC_KEY_ID, socket.principal().keyId());
    ObjectNode last = null;
    try {
      send(socket.ctx(), StreamMessages.processing(request.requestId()));
      ChatCommand command =
          new ChatCommand(
              socket.principal(), request.clientKey(), request.text(), request.sessionId(), turnRequestId,
              ChatEvents.NONE, request.model());
      last =
          ChatStream.run(
              toolgate.chat(), command, request.requestId(), request.streaming(), true,
              message -> send(socket.ctx(), message));
    } catch (RuntimeException e) {
      last = ChatStream.failure(request.requestId(), e);
    } finally {
      if (last == null) {
        last = StreamMessages.error(request.requestId(), 500, "internal_error", "the turn ended without an answer");
      }
      finish(socket.principal().keyId(), request.requestId(), last);
      send(socket.ctx(), last);
      socket.running().decrementAndGet();
      MDC.remove(RequestLifecycle.MDC_REQUEST_ID);
      MDC.remove(RequestLifecycle.MDC_KEY_ID);
    }
  }

  /**
   * Keeps the final message for repeats. A store that fails here only costs the replay: the message
   * still goes out, and a repeat within the lease is told the request is in progress.
   */
  private void finish(String keyId, String requestId, ObjectNode last) {
    try {
      replays.finish(keyId, requestId, last);
    } catch (RuntimeException e) {
      LOG.warn("could not keep the final message of WebSocket request {} for replays: {}", requestId, e.toString());
    }
  }

  /**
   * Sends one message; a socket that has gone away is skipped (its turn still finishes and is kept
   * for a replay). Sends to one socket are serialised so that messages stay whole and in order.
   */
  private static void send(WsContext ctx, ObjectNode message) {
    synchronized (ctx) {
      try {
        if (ctx.session.isOpen()) {
          ctx.send(Json.write(message));
        }
      } catch (RuntimeException e) {
        LOG.debug("could not send to WebSocket {}: {}", ctx.sessionId(), e.toString());
      }
    }
  }

  /**
   * Takes no more requests, lets the running turns finish (up to {@code bound}), then closes every
   * socket with 1001 (going away) and waits briefly for the close handshakes.
   */
  void stop(Duration bound) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    turns.shutdown();
    try {
      if (!turns.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} chat turns still running after {} s; closing their sockets anyway", turns.getActiveCount(),
            bound.toSeconds());
        turns.shutdownNow();
      }
      sockets.values().forEach(socket -> {
        synchronized (socket.ctx()) {
          socket.ctx().closeSession(WsCloseStatus.GOING_AWAY, "server shutting down");
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!sockets.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
