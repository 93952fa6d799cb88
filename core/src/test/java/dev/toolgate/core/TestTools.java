package dev.toolgate.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny tool provider for tests: tools are added by the test, and every execution is counted. */
final class TestTools implements ToolProvider {
  /** Accepts any object. */
  static final JsonNode ANY_OBJECT = Json.parse("{\"type\":\"object\"}");

  private final String name;
  private final List<Tool> tools = new ArrayList<>();
  private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
  private final List<ToolInvocation> invocations = new CopyOnWriteArrayList<>();

  TestTools() {
    this("test");
  }

  TestTools(String name) {
    this.name = name;
  }

  /** Runs a test tool and returns its structured result. */
  @FunctionalInterface
  interface JsonExecutor {
    JsonNode execute(ToolInvocation invocation);
  }

  /** Adds a tool whose structured result {@code executor} computes; it is counted before it runs. */
  TestTools add(
      String tool, ToolCategory category, ToolAnnotations annotations, JsonNode inputSchema, JsonExecutor executor) {
    return addTool(tool, category, annotations, inputSchema, invocation -> ToolResult.of(executor.execute(invocation)));
  }

  /** Adds a tool with a full executor (content blocks, error results); it is counted before it runs. */
  TestTools addTool(
      String tool, ToolCategory category, ToolAnnotations annotations, JsonNode inputSchema, ToolExecutor executor) {
    ToolDefinition definition =
        new ToolDefinition(tool, tool, "test tool " + tool, category, inputSchema, ANY_OBJECT, annotations);
    AtomicInteger count = executions.computeIfAbsent(tool, t -> new AtomicInteger());
    tools.add(
        new Tool(
            definition,
            new ToolExecutor() {
              @Override
              public ToolResult execute(ToolInvocation invocation) {
                count.incrementAndGet();
                invocations.add(invocation);
                return executor.execute(invocation);
              }

              @Override
              public boolean inline() {
                return executor.inline();
              }
            }));
    return this;
  }

  /** A read-only, cacheable tool that echoes its arguments and how often it ran. */
  TestTools read(String tool) {
    return add(tool, ToolCategory.READ, ToolAnnotations.read(), ANY_OBJECT, echo(tool));
  }

  /** A write tool with side effects that echoes its arguments and how often it ran. */
  TestTools write(String tool) {
    return add(tool, ToolCategory.WRITE, ToolAnnotations.write(), ANY_OBJECT, echo(tool));
  }

  /** A write tool that always needs approval. */
  TestTools approvalWrite(String tool) {
    return add(
        tool, ToolCategory.WRITE, ToolAnnotations.write().withRequiresApproval(true), ANY_OBJECT, echo(tool));
  }

  private JsonExecutor echo(String tool) {
    return invocation -> {
      var result = Json.object();
      result.set("arguments", invocation.arguments());
      result.put("run", executions.get(tool).get());
      return result;
    };
  }

  int executions(String tool) {
    AtomicInteger count = executions.get(tool);
    return count == null ? 0 : count.get();
  }

  List<ToolInvocation> invocations() {
    return List.copyOf(invocations);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Tool> tools() {
    return List.copyOf(tools);
  }
}
