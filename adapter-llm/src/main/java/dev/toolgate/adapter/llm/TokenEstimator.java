package dev.toolgate.adapter.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.ModelToolCall;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts tokens with a real BPE tokenizer (JTokkit) when a provider reports no usage (some
 * OpenAI-compatible servers, a stream cut before its usage event). {@code o200k_base} for OpenAI's
 * 4o-and-later families, {@code cl100k_base} for everything else: for non-OpenAI models it is an
 * estimate, which is why such usage is marked estimated.
 */
final class TokenEstimator {
  /** Per message: role and separators, as in OpenAI's published counting recipe. */
  private static final int PER_MESSAGE = 4;
  /** Every reply is primed with the assistant role. */
  private static final int REPLY_PRIMING = 3;
  private static final Pattern O200K_MODELS = Pattern.compile("^(gpt-4o|gpt-4\\.1|gpt-5|gpt-6|o\\d|chatgpt-4o).*");
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private TokenEstimator() {}

  static long input(String model, List<ModelMessage> messages, List<ModelTool> tools) {
    Encoding encoding = encodingFor(model);
    long tokens = REPLY_PRIMING;
    for (ModelMessage message : messages) {
      tokens += PER_MESSAGE + count(encoding, ModelMessage.countedText(message));
    }
    for (ModelTool tool : tools) {
      tokens += count(encoding, tool.name()) + count(encoding, tool.description())
          + count(encoding, Json.write(tool.inputSchema()));
    }
    return tokens;
  }

  static long output(String model, String text, List<ModelToolCall> calls) {
    Encoding encoding = encodingFor(model);
    long tokens = count(encoding, text);
    for (ModelToolCall call : calls) {
      tokens += count(encoding, call.name()) + count(encoding, Json.write(call.arguments()));
    }
    return tokens;
  }

  /** The tokens of one text in {@code model}'s (or the nearest public) tokenizer. */
  static long count(String model, String text) {
    return count(encodingFor(model), text);
  }


  private static Encoding encodingFor(String model) {
    EncodingType type = model != null && O200K_MODELS.matcher(model).matches()
        ? EncodingType.O200K_BASE
        : EncodingType.CL100K_BASE;
    return REGISTRY.getEncoding(type);
  }

  private static long count(Encoding encoding, String text) {
    return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}
