package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful (2xx) Klaviyo answer.
 *
 * @param status the HTTP status
 * @param body the parsed JSON:API document, always an object
 * @param nextPath the path and query of the next page ({@code links.next}), or null on the last page
 */
record Reply(int status, JsonNode body, String nextPath) {}
