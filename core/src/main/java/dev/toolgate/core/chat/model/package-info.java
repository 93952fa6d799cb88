/**
 * The model planner: a chat turn planned by a language model (the {@code LanguageModel} port) that
 * asks for guarded tool calls and writes the answer, within a token budget.
 */
package dev.toolgate.core.chat.model;
