package dev.toolgate.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tool calls being served right now, by session and JSON-RPC id: what a client's
 * {@code notifications/cancelled} refers to, and what shutting down waits for.
 */
final class InFlightCalls {
  private final Map<String, Runnable> cancellers = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int running;

  /** Registers a call; {@code onCancel} runs at most once, when the client cancels it. Close when done. */
  Registration register(String sessionId, String jsonRpcId, Runnable onCancel) {
    String key = key(sessionId, jsonRpcId);
    if (jsonRpcId != null) {
      cancellers.put(key, onCancel);
    }
    lock.lock();
    try {
      running++;
    } finally {
      lock.unlock();
    }
    return () -> {
      if (jsonRpcId != null) {
        cancellers.remove(key, onCancel);
      }
      lock.lock();
      try {
        running--;
        if (running == 0) {
          idle.signalAll();
        }
      } finally {
        lock.unlock();
      }
    };
  }

  /** Cancels the session's call with this JSON-RPC id; false when no such call is running. */
  boolean cancel(String sessionId, String jsonRpcId) {
    Runnable canceller = cancellers.remove(key(sessionId, jsonRpcId));
    if (canceller == null) {
      return false;
    }
    canceller.run();
    return true;
  }

  /** Waits until no call is running, at most {@code timeout}; true if none is. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (running > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private static String key(String sessionId, String jsonRpcId) {
    return sessionId + "\n" + jsonRpcId;
  }

  /** Ends a call's registration; close it exactly once, when the call is over. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
