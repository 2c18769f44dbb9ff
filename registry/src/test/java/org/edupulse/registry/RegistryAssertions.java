package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Checks shared by the REST tests: Confluent's content type and error body shape. */
final class RegistryAssertions {

    private RegistryAssertions() {
    }

    static JsonNode assertOk(final HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(RegistryHttp.V1_JSON);
        return RegistryHttp.json(response);
    }

    static void assertError(final HttpResponse<String> response, final int status, final int errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(RegistryHttp.V1_JSON);
        final JsonNode body = RegistryHttp.json(response);
        assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception");
    }
}
