package dev.toolgate.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt templates for the support toolset's everyday jobs. Each names the tools it relies on and is
 * offered only to a caller that may call all of them.
 */
final class McpPrompts {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  static final List<Template> ALL =
      List.of(
          new Template(
              "triage_customer_issue",
              "Triage a customer's problem",
              "Find the customer, check whether an incident explains the problem, and open a ticket with a safe"
                  + " retry key.",
              List.of(
                  argument("customer", "Customer", "Who reported it: a name, company or e-mail address.", true),
                  argument("problem", "Problem", "What the customer reports, in their words.", true)),
              Set.of("search_customer", "create_ticket"),
              """
              A customer reported a problem. Customer: {customer}. Problem: {problem}.

              1. Call search_customer with a query that identifies the customer. If several customers match, \
              ask me which one is meant before going on.
              2. If an incident could explain the problem and you know its id, call get_incident_impact and \
              check whether this customer is among the affected customers.
              3. Call create_ticket for the customer: a one-line subject, the details as description, and a \
              priority that fits the impact (urgent only if they cannot work at all). Pass an idempotency_key \
              such as triage-<customer id>-<short topic>, so that a retry never opens a second ticket.
              4. Answer with the ticket id and a two-sentence summary of what you found."""),
          new Template(
              "incident_outreach",
              "Tell the support channel about an incident",
              "Look up who an incident affects and post one clear update to a support channel.",
              List.of(
                  argument("incident_id", "Incident", "The incident id, for example inc_003.", true),
                  argument("channel", "Channel", "Where to post (default #support).", false)),
              Set.of("get_incident_impact", "send_message"),
              """
              Incident {incident_id} needs an update in the channel {channel}.

              1. Call get_incident_impact with incident_id {incident_id}.
              2. Write one message of at most five lines: the incident title, severity and status, how many \
              customers are affected and which companies.
              3. Post it with send_message to {channel}, passing idempotency_key incident-{incident_id}-update \
              so that a retry does not post twice.
              4. Tell me what you posted and the message id."""),
          new Template(
              "request_status_change",
              "Request a change of a customer's status",
              "Ask for an approved change of a customer's account status (for example to at_risk), and say how"
                  + " to follow the approval.",
              List.of(
                  argument("customer", "Customer", "A name, company or e-mail address of the customer.", true),
                  argument("status", "New status", "active, at_risk, suspended or churned.", true),
                  argument("reason", "Reason", "Why; the approver reads it and the audit trail keeps it.", true)),
              Set.of("search_customer", "update_customer_status"),
              """
              Change the account status of the customer {customer} to {status}, because: {reason}.

              1. Call search_customer to find the customer's id; if several match, ask me which one.
              2. Call update_customer_status with that customer_id, status {status}, the reason above, and an \
              idempotency_key such as status-<customer id>-{status}.
              3. This change needs a human approval. If the result says approval_required, tell me the \
              approval id and that nothing has changed yet; I may be asked to approve it right away. To learn \
              the outcome later, call update_customer_status again with the same arguments and the same \
              idempotency_key, or read the approval resource named in the result."""));

  private McpPrompts() {}

  /** The templates whose tools are all among {@code visibleTools}. */
  static List<Template> visible(Set<String> visibleTools) {
    return ALL.stream().filter(t -> visibleTools.containsAll(t.tools())).toList();
  }

  static Optional<Template> find(String name, Set<String> visibleTools) {
    return visible(visibleTools).stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static McpSchema.PromptArgument argument(String name, String title, String description, boolean required) {
    return McpSchema.PromptArgument.builder(name).title(title).description(description).required(required).build();
  }

  /**
   * One template.
   *
   * @param tools the tools it uses; it is offered only when the caller may call all of them
   * @param text the user message, with {@code {argument}} placeholders
   */
  record Template(
      String name,
      String title,
      String description,
      List<McpSchema.PromptArgument> arguments,
      Set<String> tools,
      String text) {

    McpSchema.Prompt prompt() {
      return McpSchema.Prompt.builder(name).title(title).description(description).arguments(arguments).build();
    }

    /** The filled-in prompt; a missing required argument is an invalid-params error naming it. */
    McpSchema.GetPromptResult render(Map<String, Object> given) {
      Map<String, Object> values = given == null ? Map.of() : given;
      for (McpSchema.PromptArgument argument : arguments) {
        Object value = values.get(argument.name());
        if (Boolean.TRUE.equals(argument.required()) && (value == null || value.toString().isBlank())) {
          throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
              .message("Prompt '" + name + "' needs the argument '" + argument.name() + "'")
              .build();
        }
      }
      Matcher placeholders = PLACEHOLDER.matcher(text);
      StringBuilder filled = new StringBuilder();
      while (placeholders.find()) {
        String key = placeholders.group(1);
        Object value = values.get(key);
        String replacement = value == null || value.toString().isBlank() ? defaultOf(key) : value.toString().strip();
        placeholders.appendReplacement(filled, Matcher.quoteReplacement(replacement));
      }
      placeholders.appendTail(filled);
      return new McpSchema.GetPromptResult(
          description,
          List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(filled.toString()))),
          null);
    }

    private static String defaultOf(String argument) {
      return "channel".equals(argument) ? "#support" : "";
    }
  }
}
