package dev.toolgate.core.clients;

import dev.toolgate.ports.auth.ClientProfile;
import java.util.List;
import java.util.Objects;

/**
 * A client as shown to callers: its profile and the names of its stored secrets — never their values.
 *
 * @param profile the profile
 * @param secretNames names of the client's stored secrets (e.g. {@code klaviyo_api_key}), sorted
 */
public record ClientView(ClientProfile profile, List<String> secretNames) {
  public ClientView {
    Objects.requireNonNull(profile, "profile");
    secretNames = List.copyOf(secretNames);
  }
}
