package dev.toolgate.adapter.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer;
import dev.toolgate.ports.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies of one provider's wire format for any tool and text, as JSON bodies or event streams, for
 * scripting a {@link ProviderStandIn} with the tools of the gateway under test (the fixtures speak of
 * one CRM tool only). Shapes follow the fixtures in {@code src/test/resources/llm}: OpenAI chat
 * completions ({@code tool_calls}, {@code chat.completion.chunk} events, a usage chunk, {@code [DONE]}), Anthropic messages
 * ({@code tool_use} blocks, {@code message_start} … {@code message_stop}) and Gemini
 * {@code generateContent} ({@code functionCall} parts, {@code data:}-only events).
 *
 * <p>Every tool-call reply counts {@link #CALL_IN} tokens in and {@link #CALL_OUT} out; every text reply
 * {@link #TEXT_IN} and {@link #TEXT_OUT}, so tests can add up what the usage ledger should show.
 */
public interface ScriptedReplies {
  int CALL_IN = 300;
  int CALL_OUT = 20;
  int TEXT_IN = 500;
  int TEXT_OUT = 40;

  /** A reply asking for one call of {@code tool}; {@code id} is ignored where the format has none (Gemini). */
  Answer toolCall(String id, String tool, ObjectNode arguments, boolean stream);

  /** A final text reply; streamed, each piece is one delta event. */
  Answer text(boolean stream, String... pieces);

  /** A 429 asking the caller to wait {@code seconds} (the way this provider says it). */
  Answer rateLimited(int seconds);

  /** A stream that starts well, then sends an event whose data is not JSON and ends. */
  Answer malformedStream();

  /** OpenAI chat completions ({@code POST {base}/chat/completions}), as OpenAI, Groq or a local Ollama speak it. */
  static ScriptedReplies openAi(String model) {
    return new OpenAi(model);
  }

  /** Anthropic messages ({@code POST /v1/messages}). */
  static ScriptedReplies anthropic(String model) {
    return new Anthropic(model);
  }

  /** Gemini ({@code POST /v1beta/models/{model}:generateContent} or {@code :streamGenerateContent?alt=sse}). */
  static ScriptedReplies gemini(String model) {
    return new Gemini(model);
  }

  /** Anthropic's formats. */
  final class Anthropic implements ScriptedReplies {
    private final String model;

    private Anthropic(String model) {
      this.model = model;
    }

    @Override
    public Answer toolCall(String id, String tool, ObjectNode arguments, boolean stream) {
      if (!stream) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", tool);
        block.set("input", arguments);
        return Answer.json(200, Json.write(message(List.of(block), "tool_use", CALL_IN, CALL_OUT)));
      }
      ObjectNode start = Json.object().put("type", "content_block_start").put("index", 0);
      start.putObject("content_block").put("type", "tool_use").put("id", id).put("name", tool).putObject("input");
      ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "input_json_delta").put("partial_json", Json.write(arguments));
      return Answer.events(List.of(
          messageStart(CALL_IN),
          event("content_block_start", start),
          event("content_block_delta", delta),
          event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)),
          messageDelta("tool_use", CALL_OUT),
          event("message_stop", Json.object().put("type", "message_stop"))));
    }

    @Override
    public Answer text(boolean stream, String... pieces) {
      if (!stream) {
        ObjectNode block = Json.object().put("type", "text").put("text", String.join("", pieces));
        return Answer.json(200, Json.write(message(List.of(block), "end_turn", TEXT_IN, TEXT_OUT)));
      }
      List<String> events = new ArrayList<>();
      events.add(messageStart(TEXT_IN));
      ObjectNode start = Json.object().put("type", "content_block_start").put("index", 0);
      start.putObject("content_block").put("type", "text").put("text", "");
      events.add(event("content_block_start", start));
      for (String piece : pieces) {
        ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", piece);
        events.add(event("content_block_delta", delta));
      }
      events.add(event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
      events.add(messageDelta("end_turn", TEXT_OUT));
      events.add(event("message_stop", Json.object().put("type", "message_stop")));
      return Answer.events(events);
    }

    @Override
    public Answer rateLimited(int seconds) {
      return Answer.fixture(429, "anthropic-messages/error-429.json").withHeader("retry-after", String.valueOf(seconds));
    }

    @Override
    public Answer malformedStream() {
      return Answer.events(List.of(messageStart(TEXT_IN), "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"));
    }

    private ObjectNode message(List<ObjectNode> content, String stopReason, int in, int out) {
      ObjectNode body = Json.object().put("id", "msg_standin").put("type", "message").put("role", "assistant")
          .put("model", model);
      ArrayNode blocks = body.putArray("content");
      content.forEach(blocks::add);
      body.put("stop_reason", stopReason).putNull("stop_sequence");
      body.putObject("usage").put("input_tokens", in).put("output_tokens", out);
      return body;
    }

    private String messageStart(int in) {
      ObjectNode start = Json.object().put("type", "message_start");
      ObjectNode message = start.putObject("message").put("id", "msg_standin").put("type", "message")
          .put("role", "assistant").put("model", model);
      message.putArray("content");
      message.putNull("stop_reason");
      message.putObject("usage").put("input_tokens", in).put("output_tokens", 1);
      return event("message_start", start);
    }

    private static String messageDelta(String stopReason, int out) {
      ObjectNode delta = Json.object().put("type", "message_delta");
      delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
      delta.putObject("usage").put("output_tokens", out);
      return event("message_delta", delta);
    }

    private static String event(String name, JsonNode data) {
      return "event: " + name + "\ndata: " + Json.write(data);
    }
  }

  /** Gemini's formats. */
  final class Gemini implements ScriptedReplies {
    private final String model;

    private Gemini(String model) {
      this.model = model;
    }

    @Override
    public Answer toolCall(String id, String tool, ObjectNode arguments, boolean stream) {
      ObjectNode part = Json.object();
      part.putObject("functionCall").put("name", tool).set("args", arguments);
      ObjectNode body = response(part, true, CALL_IN, CALL_OUT);
      return stream ? Answer.events(List.of("data: " + Json.write(body))) : Answer.json(200, Json.write(body));
    }

    @Override
    public Answer text(boolean stream, String... pieces) {
      if (!stream) {
        return Answer.json(200, Json.write(response(Json.object().put("text", String.join("", pieces)), true, TEXT_IN, TEXT_OUT)));
      }
      List<String> events = new ArrayList<>();
      for (int i = 0; i < pieces.length; i++) {
        boolean last = i == pieces.length - 1;
        events.add("data: " + Json.write(response(Json.object().put("text", pieces[i]), last, TEXT_IN, TEXT_OUT)));
      }
      return Answer.events(events);
    }

    @Override
    public Answer rateLimited(int seconds) {
      return Answer.json(429, Fixtures.text("gemini/error-429.json").replace("\"21s\"", "\"" + seconds + "s\""));
    }

    @Override
    public Answer malformedStream() {
      return Answer.events(List.of(
          "data: " + Json.write(response(Json.object().put("text", "Let me"), false, TEXT_IN, 1)),
          "data: {\"candidates\": [{\"content\": "));
    }

    private ObjectNode response(ObjectNode part, boolean finished, int in, int out) {
      ObjectNode body = Json.object();
      ObjectNode candidate = body.putArray("candidates").addObject();
      ObjectNode content = candidate.putObject("content");
      content.putArray("parts").add(part);
      content.put("role", "model");
      if (finished) {
        candidate.put("finishReason", "STOP");
      }
      candidate.put("index", 0);
      body.putObject("usageMetadata").put("promptTokenCount", in).put("candidatesTokenCount", out)
          .put("totalTokenCount", in + out);
      body.put("modelVersion", model);
      return body;
    }
  }

  /** OpenAI's chat completions formats. */
  final class OpenAi implements ScriptedReplies {
    private final String model;

    private OpenAi(String model) {
      this.model = model;
    }

    @Override
    public Answer toolCall(String id, String tool, ObjectNode arguments, boolean stream) {
      if (!stream) {
        ObjectNode message = Json.object().put("role", "assistant").putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", id).put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", Json.write(arguments));
        return Answer.json(200, Json.write(completion(message, "tool_calls", CALL_IN, CALL_OUT)));
      }
      ObjectNode delta = Json.object().put("role", "assistant").putNull("content");
      ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0).put("id", id).put("type", "function");
      call.putObject("function").put("name", tool).put("arguments", Json.write(arguments));
      return Answer.events(List.of(chunk(delta, null), chunk(Json.object(), "tool_calls"), usage(CALL_IN, CALL_OUT), "data: [DONE]"));
    }

    @Override
    public Answer text(boolean stream, String... pieces) {
      if (!stream) {
        ObjectNode message = Json.object().put("role", "assistant").put("content", String.join("", pieces));
        return Answer.json(200, Json.write(completion(message, "stop", TEXT_IN, TEXT_OUT)));
      }
      List<String> events = new ArrayList<>();
      for (String piece : pieces) {
        events.add(chunk(Json.object().put("content", piece), null));
      }
      events.add(chunk(Json.object(), "stop"));
      events.add(usage(TEXT_IN, TEXT_OUT));
      events.add("data: [DONE]");
      return Answer.events(events);
    }

    @Override
    public Answer rateLimited(int seconds) {
      return Answer.fixture(429, "openai-chat-completions/error-429-rate-limit.json")
          .withHeader("retry-after", String.valueOf(seconds));
    }

    @Override
    public Answer malformedStream() {
      return Answer.events(List.of(chunk(Json.object().put("content", "Let me"), null), "data: {\"id\":\"chatcmpl-standin\","));
    }

    private ObjectNode completion(ObjectNode message, String finish, int in, int out) {
      ObjectNode body = Json.object().put("id", "chatcmpl-standin").put("object", "chat.completion")
          .put("created", 1_796_661_012).put("model", model);
      ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
      choice.set("message", message);
      choice.put("finish_reason", finish);
      body.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
      return body;
    }

    private String chunk(ObjectNode delta, String finish) {
      ObjectNode body = Json.object().put("id", "chatcmpl-standin").put("object", "chat.completion.chunk")
          .put("created", 1_796_661_012).put("model", model);
      ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
      choice.set("delta", delta);
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
      return "data: " + Json.write(body);
    }

    private String usage(int in, int out) {
      ObjectNode body = Json.object().put("id", "chatcmpl-standin").put("object", "chat.completion.chunk")
          .put("created", 1_796_661_012).put("model", model);
      body.putArray("choices");
      body.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
      return "data: " + Json.write(body);
    }
  }
}
