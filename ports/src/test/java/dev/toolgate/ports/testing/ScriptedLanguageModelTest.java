package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelParameters;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.ModelToolCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedLanguageModelTest {
  private static ModelRequest request(boolean streaming) {
    return new ModelRequest(null, List.of(new ModelMessage.User("hi")), List.of(), ModelParameters.DEFAULTS,
        streaming, "r1");
  }

  @Test
  void playsTheScriptInOrderAndStreamsWords() {
    ModelToolCall call = new ModelToolCall("c1", "search", Json.parse("{\"q\":\"x\"}"));
    ScriptedLanguageModel model = new ScriptedLanguageModel("fake")
        .thenCall(call)
        .thenAnswer("Maria is on Enterprise.", 12, 6)
        .thenFail(new UnavailableException("provider down"));
    List<String> deltas = new ArrayList<>();
    List<ModelToolCall> calls = new ArrayList<>();
    ModelStream stream = new ModelStream() {
      @Override
      public void text(String delta) {
        deltas.add(delta);
      }

      @Override
      public void toolCall(ModelToolCall c) {
        calls.add(c);
      }
    };

    assertThat(model.chat(request(true), stream).toolCalls()).containsExactly(call);
    ModelReply answer = model.chat(request(true), stream);
    assertThatThrownBy(() -> model.chat(request(false), ModelStream.NONE)).isInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> model.chat(request(false), ModelStream.NONE)).hasMessageContaining("no reply left");

    assertThat(calls).containsExactly(call);
    assertThat(deltas).containsExactly("Maria ", "is ", "on ", "Enterprise.");
    assertThat(answer.usage().input()).isEqualTo(12);
    assertThat(model.requests()).hasSize(4);
  }
}
