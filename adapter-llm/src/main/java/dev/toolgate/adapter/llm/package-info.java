/**
 * The {@link dev.toolgate.ports.llm.LanguageModel} port on LangChain4j's low-level chat API, for
 * OpenAI and OpenAI-compatible servers (Groq, Ollama, vLLM, llama.cpp), Anthropic and Gemini: tool
 * definitions in, tool-call requests out (Toolgate runs the tools), one retry policy, token usage with
 * a tokenizer fallback, and cost from a price table.
 */
package dev.toolgate.adapter.llm;
