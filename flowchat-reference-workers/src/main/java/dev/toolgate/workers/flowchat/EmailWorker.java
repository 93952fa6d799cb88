package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The email worker: {@code POST /send} sends one message over SMTP (to, cc, subject, text and
 * optional HTML body, base64 attachments). With an {@code Idempotency-Key} it sends at most once
 * per key; an SMTP failure is a 502 (not stored), so the same key can be retried and sends then.
 */
final class EmailWorker {
  private final WorkerDatabase db;
  private final Session session;
  private final String from;
  private final Clock clock;

  EmailWorker(WorkerDatabase db, String smtpHost, int smtpPort, String from, Clock clock) {
    this.db = db;
    this.from = from;
    this.clock = clock;
    Properties p = new Properties();
    p.put("mail.smtp.host", smtpHost);
    p.put("mail.smtp.port", String.valueOf(smtpPort));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    p.put("mail.smtp.writetimeout", "10000");
    this.session = Session.getInstance(p);
  }

  List<WorkerServer.Route> routes() {
    return List.of(WorkerServer.Route.write("POST", "/send", this::send));
  }

  private WorkerResponse send(WorkerRequest request) {
    JsonNode body = request.json();
    List<InternetAddress> to = addresses(body, "to", true);
    List<InternetAddress> cc = addresses(body, "cc", false);
    String subject = body.path("subject").asText("").strip();
    if (subject.isEmpty()) {
      throw WorkerException.badRequest("subject is required");
    }
    String text = body.path("body_text").asText("");
    if (text.isBlank() && !body.hasNonNull("body_html")) {
      throw WorkerException.badRequest("body_text (or body_html) is required");
    }
    int attachments = 0;
    String messageId;
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(from));
      m.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
      if (!cc.isEmpty()) {
        m.setRecipients(Message.RecipientType.CC, cc.toArray(new InternetAddress[0]));
      }
      m.setSubject(subject, "UTF-8");
      m.setHeader("X-Request-ID", request.requestId());
      MimeMultipart mp = new MimeMultipart();
      MimeBodyPart textPart = new MimeBodyPart();
      if (body.hasNonNull("body_html")) {
        textPart.setContent(body.get("body_html").asText(), "text/html; charset=UTF-8");
      } else {
        textPart.setText(text, "UTF-8");
      }
      mp.addBodyPart(textPart);
      for (JsonNode a : body.path("attachments")) {
        String name = a.path("filename").asText("").strip();
        if (name.isEmpty()) {
          throw WorkerException.badRequest("attachments[" + attachments + "].filename is required");
        }
        byte[] content;
        try {
          content = Base64.getDecoder().decode(a.path("content_base64").asText(""));
        } catch (IllegalArgumentException e) {
          throw WorkerException.badRequest("attachments[" + attachments + "].content_base64 is not base64");
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content,
            a.path("content_type").asText("application/octet-stream"))));
        part.setFileName(name);
        mp.addBodyPart(part);
        attachments++;
      }
      m.setContent(mp);
      m.saveChanges();
      messageId = m.getMessageID();
      Transport.send(m);
    } catch (MessagingException e) {
      throw new WorkerException(502, "smtp_failed", "SMTP server refused or is unreachable: " + e.getMessage());
    }
    String sentAt = clock.instant().toString();
    List<String> recipients = new ArrayList<>();
    to.forEach(a -> recipients.add(a.getAddress()));
    cc.forEach(a -> recipients.add(a.getAddress()));
    int count = attachments;
    db.transaction(d -> {
      d.execute("INSERT INTO emails (id, message_id, recipients, subject, attachments, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
          UUID.randomUUID().toString(), messageId, String.join(", ", recipients), subject, count, sentAt);
      return null;
    });
    ObjectNode o = Json.object();
    o.put("message_id", messageId);
    o.set("accepted", Json.MAPPER.valueToTree(recipients));
    o.put("attachments", count);
    o.put("sent_at", sentAt);
    return WorkerResponse.ok(o);
  }

  private static List<InternetAddress> addresses(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    List<String> raw = new ArrayList<>();
    if (v != null && v.isTextual()) {
      raw.add(v.asText());
    } else if (v != null && v.isArray()) {
      v.forEach(x -> raw.add(x.asText()));
    }
    if (required && raw.isEmpty()) {
      throw WorkerException.badRequest(field + " is required: an e-mail address or a list of them");
    }
    List<InternetAddress> out = new ArrayList<>();
    for (String r : raw) {
      try {
        InternetAddress a = new InternetAddress(r, true);
        out.add(a);
      } catch (jakarta.mail.internet.AddressException e) {
        throw WorkerException.badRequest(field + " has an invalid address \"" + r + "\": " + e.getMessage());
      }
    }
    return out;
  }
}
